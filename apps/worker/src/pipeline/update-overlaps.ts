import { listAccountsChangedSince, listPartnerships, publishOverlapChanges, publishPartnerOpportunityChanges } from "@mutual/db";
import type { Db } from "@mutual/db";
import type { Clock } from "@mutual/jobs";
import { recomputeOverlaps } from "@mutual/services";
import type { OverlapIndexCache } from "@mutual/services";
import { loadOverlapVisibility } from "./sharing-visibility.ts";

export type OverlapUpdate = {
  /** full: first sync of the org (every account re-matched); none: nothing changed. */
  mode: "full" | "incremental" | "none";
  changedAccounts: number;
  overlapsCreated: number;
  overlapsRemoved: number;
  overlapsPopulationChanged: number;
  partnerOpportunitiesCreated: number;
  partnerOpportunitiesWon: number;
};

/**
 * Re-matches the org's accounts changed since `since` (all of them when null) with the services'
 * `recomputeOverlaps`, then announces the overlap changes of the org and of each partner org (whose
 * view of the shared overlaps changed too) and the partner-tagged opportunity changes. Announcing is
 * a diff against what was last announced, committed with the outbox events, so repeating this after
 * a crash neither loses nor repeats an event.
 */
export async function updateOverlapsAndPublish(
  deps: { db: Db; clock: Clock; overlapIndexes: OverlapIndexCache },
  input: { orgId: string; since: Date | null },
): Promise<OverlapUpdate> {
  const { db, clock } = deps;
  const changed = input.since === null ? undefined : await listAccountsChangedSince(db, input.orgId, input.since);
  const update: OverlapUpdate = {
    mode: changed === undefined ? "full" : changed.length > 0 ? "incremental" : "none",
    changedAccounts: changed?.length ?? 0,
    overlapsCreated: 0,
    overlapsRemoved: 0,
    overlapsPopulationChanged: 0,
    partnerOpportunitiesCreated: 0,
    partnerOpportunitiesWon: 0,
  };
  if (changed === undefined || changed.length > 0) {
    await recomputeOverlaps({ db, now: () => clock.now(), overlapIndexes: deps.overlapIndexes }, { orgId: input.orgId, changedAccountIds: changed });
    const partnerOrgIds = (await listPartnerships(db, input.orgId)).map((p) => (p.inviterOrgId === input.orgId ? p.inviteeOrgId : p.inviterOrgId));
    for (const orgId of [input.orgId, ...new Set(partnerOrgIds)]) {
      const counts = await publishOverlapChanges(db, { orgId, visible: await loadOverlapVisibility(db, orgId) }, { now: clock.now() });
      update.overlapsCreated += counts.created;
      update.overlapsRemoved += counts.removed;
      update.overlapsPopulationChanged += counts.populationChanged;
    }
  }
  const opportunities = await publishPartnerOpportunityChanges(db, { orgId: input.orgId }, { now: clock.now() });
  update.partnerOpportunitiesCreated = opportunities.created;
  update.partnerOpportunitiesWon = opportunities.won;
  return update;
}
