import { AppError } from "@mutual/core";
import {
  announceOverlapDiffs,
  listAccountsChangedSince,
  listPartnerships,
  listSharingRuleChangesSince,
  publishOverlapChanges,
  publishPartnerOpportunityChanges,
} from "@mutual/db";
import type { Db, VisiblePartnerPopulations } from "@mutual/db";
import type { Clock } from "@mutual/jobs";
import { recomputeOverlaps } from "@mutual/services";
import type { OverlapMatchSpace } from "@mutual/services";
import { loadOverlapVisibility } from "./sharing-visibility.ts";

export type OverlapUpdate = {
  /** full: first sync of the org (every account re-matched); none: no account changed. */
  mode: "full" | "incremental" | "none";
  changedAccounts: number;
  /** Partnership views re-announced because a side's sharing rules changed since the last pass. */
  sharingViewsReannounced: number;
  overlapsCreated: number;
  overlapsRemoved: number;
  overlapsPopulationChanged: number;
  partnerOpportunitiesCreated: number;
  partnerOpportunitiesWon: number;
};

/**
 * Re-matches the org's accounts changed since `since` (all of them when null) with the services'
 * `recomputeOverlaps` and announces what changed, for the org and for each partner org (whose view of
 * the shared overlaps changed too): the recompute hands each scope's diff to `announceOverlapDiffs`
 * inside the transaction that writes the scope's overlaps, so overlaps, the announced snapshot and the
 * outbox events commit together and a crash at any point neither loses nor repeats an event. Cost
 * grows with the change, not with the org's overlap count. After a full recompute (first sync, or the
 * first after a worker restart) the whole snapshot is also reconciled, which announces overlaps that
 * were written outside the worker (e.g. a partnership accepted in the API). When either side of a
 * partnership changed its sharing rules since `since`, the other side's view of that partnership is
 * reconciled (only that partnership's overlaps). Then the partner-tagged opportunity changes are announced.
 */
export async function updateOverlapsAndPublish(
  deps: { db: Db; clock: Clock; matchSpace: OverlapMatchSpace },
  input: { orgId: string; since: Date | null },
): Promise<OverlapUpdate> {
  const { db, clock } = deps;
  const changed = input.since === null ? undefined : await listAccountsChangedSince(db, input.orgId, input.since);
  const partnerships = await listPartnerships(db, input.orgId);
  const sharingViews = input.since === null ? [] : await viewsWithSharingChangedSince(db, input.orgId, partnerships, input.since);
  const update: OverlapUpdate = {
    mode: changed === undefined ? "full" : changed.length > 0 ? "incremental" : "none",
    changedAccounts: changed?.length ?? 0,
    sharingViewsReannounced: 0,
    overlapsCreated: 0,
    overlapsRemoved: 0,
    overlapsPopulationChanged: 0,
    partnerOpportunitiesCreated: 0,
    partnerOpportunitiesWon: 0,
  };
  if (changed === undefined || changed.length > 0 || sharingViews.length > 0) {
    const partnerOrgIds = partnerships.map((p) => partnerOf(p, input.orgId));
    const orgIds = [input.orgId, ...new Set(partnerOrgIds)];
    // Loaded before the recompute: the hook runs inside a synchronous write transaction.
    const visibility = new Map<string, VisiblePartnerPopulations>();
    for (const orgId of orgIds) visibility.set(orgId, await loadOverlapVisibility(db, orgId));
    const visibleFor = (orgId: string) => {
      const visible = visibility.get(orgId);
      if (!visible) throw new AppError("internal", `overlaps of org ${orgId} changed, which is not in a partnership of ${input.orgId}`);
      return visible;
    };
    const add = (counts: { created: number; removed: number; populationChanged: number }) => {
      update.overlapsCreated += counts.created;
      update.overlapsRemoved += counts.removed;
      update.overlapsPopulationChanged += counts.populationChanged;
    };
    let reconciledAll = false;
    if (changed === undefined || changed.length > 0) {
      const scopes = await recomputeOverlaps(
        { db, now: () => clock.now(), matchSpace: deps.matchSpace },
        { orgId: input.orgId, changedAccountIds: changed },
        { onChanges: (tx, diffs) => add(announceOverlapDiffs(tx, { diffs, visibleFor }, { now: clock.now() })) },
      );
      if (scopes.some((scope) => scope.mode === "full")) {
        for (const orgId of orgIds) add(await publishOverlapChanges(db, { orgId, visible: visibleFor(orgId) }, { now: clock.now() }));
        reconciledAll = true;
      }
    }
    if (!reconciledAll) {
      for (const { viewerOrgId, partnershipId } of sharingViews) {
        add(await publishOverlapChanges(db, { orgId: viewerOrgId, visible: visibleFor(viewerOrgId), partnershipId }, { now: clock.now() }));
        update.sharingViewsReannounced++;
      }
    }
  }
  const opportunities = await publishPartnerOpportunityChanges(db, { orgId: input.orgId }, { now: clock.now() });
  update.partnerOpportunitiesCreated = opportunities.created;
  update.partnerOpportunitiesWon = opportunities.won;
  return update;
}

type Partnership = Awaited<ReturnType<typeof listPartnerships>>[number];

function partnerOf(partnership: Partnership, orgId: string): string {
  return partnership.inviterOrgId === orgId ? partnership.inviteeOrgId : partnership.inviterOrgId;
}

/**
 * The partnership views to re-announce: where one side's sharing rules (its default, or those for the other
 * side) changed since `since`, the other side's view of that partnership.
 */
async function viewsWithSharingChangedSince(
  db: Db,
  orgId: string,
  partnerships: readonly Partnership[],
  since: Date,
): Promise<{ viewerOrgId: string; partnershipId: string }[]> {
  if (partnerships.length === 0) return [];
  const changes = await listSharingRuleChangesSince(db, [orgId, ...partnerships.map((p) => partnerOf(p, orgId))], since);
  const views: { viewerOrgId: string; partnershipId: string }[] = [];
  for (const partnership of partnerships) {
    const partnerOrgId = partnerOf(partnership, orgId);
    for (const [owner, viewer] of [[partnerOrgId, orgId], [orgId, partnerOrgId]] as const) {
      if (changes.some((change) => change.ownerOrgId === owner && (change.partnerOrgId === null || change.partnerOrgId === viewer))) {
        views.push({ viewerOrgId: viewer, partnershipId: partnership.id });
      }
    }
  }
  return views;
}
