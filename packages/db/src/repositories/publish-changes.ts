import { AppError } from "@mutual/core";
import { and, eq, getTableColumns, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { accounts } from "../schema/accounts.ts";
import { opportunities } from "../schema/opportunities.ts";
import { overlaps } from "../schema/overlaps.ts";
import { partnerships } from "../schema/partnerships.ts";
import { partnerOpportunityNotices, publishedOverlaps } from "../schema/sync.ts";
import { createBatchWriter } from "../internal/batch-writer.ts";
import { reusePrepared } from "../internal/prepared.ts";
import { bindIdList, inIdList, splitIntoBatches } from "../internal/batches.ts";
import { setFromExcluded } from "../internal/upsert-set.ts";
import { appendDomainEvents } from "./domain-events.ts";
import type { DomainEventInput } from "./domain-events.ts";
import type { OverlapDiff } from "./overlaps.ts";

/** One stored overlap as the visibility rule sees it. */
export type OverlapVisibilityInput = {
  scopeKey: string;
  /** The org on the other side (null for offline partners). */
  partnerOrgId: string | null;
  partnerPopulations: readonly string[];
};

/**
 * Which of the partner's populations of an overlap the org may be told about, or null when the overlap
 * must not be announced at all (the partner shares no record-level data for it). Supplied by the caller
 * from the sharing policy (`decideVisibility` in @mutual/core); this module only applies it.
 */
export type VisiblePartnerPopulations = (overlap: OverlapVisibilityInput) => readonly string[] | null;

export type PublishCounts = { created: number; removed: number; populationChanged: number };

type Snapshot = typeof publishedOverlaps.$inferSelect;
const SNAPSHOT_KEYS = Object.keys(getTableColumns(publishedOverlaps)) as (keyof Snapshot)[];
const SNAPSHOT_PRIMARY_KEY = [publishedOverlaps.orgId, publishedOverlaps.scopeKey, publishedOverlaps.mineAccountId, publishedOverlaps.partnerAccountId];

const keyOf = (scopeKey: string, mine: string, partner: string) => `${scopeKey}\u0000${mine}\u0000${partner}`;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** A stored overlap with what an event tells about it (scope, partner org, the mine account's CRM ids). */
type AnnounceRow = {
  partnershipId: string | null;
  offlinePartnerId: string | null;
  mineAccountId: string;
  partnerAccountId: string;
  relation: string;
  confidence: number;
  minePopulations: string[];
  partnerPopulations: string[];
  inviterOrgId: string | null;
  inviteeOrgId: string | null;
  mineSource: string;
  mineSourceId: string;
  mineName: string;
};

const scopeKeyOf = (scope: { partnershipId?: string | null; offlinePartnerId?: string | null }) =>
  scope.partnershipId ? `partnership:${scope.partnershipId}` : `offline:${scope.offlinePartnerId}`;

function selectAnnounceRows(tx: Db) {
  return tx
    .select({
      partnershipId: overlaps.partnershipId,
      offlinePartnerId: overlaps.offlinePartnerId,
      mineAccountId: overlaps.mineAccountId,
      partnerAccountId: overlaps.partnerAccountId,
      relation: overlaps.relation,
      confidence: overlaps.confidence,
      minePopulations: overlaps.minePopulations,
      partnerPopulations: overlaps.partnerPopulations,
      inviterOrgId: partnerships.inviterOrgId,
      inviteeOrgId: partnerships.inviteeOrgId,
      mineSource: accounts.source,
      mineSourceId: accounts.sourceId,
      mineName: accounts.name,
    })
    .from(overlaps)
    .leftJoin(partnerships, eq(partnerships.id, overlaps.partnershipId))
    .innerJoin(accounts, eq(accounts.id, overlaps.mineAccountId));
}

/**
 * Announces what changed in an org's overlaps since the last announcement: compares the stored
 * overlaps (through `visible`) with the published snapshot and, in ONE transaction, updates the
 * snapshot and appends `overlap.created` / `overlap.removed` / `overlap.population_changed` events to
 * the outbox. Re-running after a crash finds nothing new, so every change is announced exactly once,
 * whatever wrote the overlaps. Cost grows with the org's overlap count: the sync worker announces
 * recompute diffs with `announceOverlapDiffs` and runs this only to reconcile after a full recompute
 * (overlaps written without announcing, e.g. by a partnership accepted in the API), and for one partnership
 * (`partnershipId`) after the other side's sharing rules changed.
 */
export async function publishOverlapChanges(
  db: Db,
  input: { orgId: string; visible: VisiblePartnerPopulations; partnershipId?: string },
  options: { now: Date },
): Promise<PublishCounts> {
  // With `partnershipId`, only that partnership's overlaps and snapshot (a sharing change in it): the
  // snapshot's key starts with org and scope, the overlaps have an index starting with the partnership.
  const scopeKey = input.partnershipId === undefined ? undefined : scopeKeyOf({ partnershipId: input.partnershipId });
  return db.transaction((tx) => {
    const rows = selectAnnounceRows(tx)
      .where(and(eq(overlaps.orgId, input.orgId), input.partnershipId === undefined ? undefined : eq(overlaps.partnershipId, input.partnershipId)))
      .all();
    const published = tx
      .select()
      .from(publishedOverlaps)
      .where(and(eq(publishedOverlaps.orgId, input.orgId), scopeKey === undefined ? undefined : eq(publishedOverlaps.scopeKey, scopeKey)))
      .all();
    return announceRows(tx, input, rows, published, options);
  }, WRITE_TRANSACTION);
}

/**
 * Announces overlap diffs (from `writeOverlapsWithDiff`) inside the caller's transaction, `tx` being
 * the one that wrote the overlaps: only the changed pairs are compared with the published snapshot,
 * so the cost grows with the change, and the events commit or roll back with the overlaps. Diffs of
 * several orgs are fine: `visibleFor(orgId)` gives each org's sharing view.
 */
export function announceOverlapDiffs(
  tx: Db,
  input: { diffs: readonly OverlapDiff[]; visibleFor: (orgId: string) => VisiblePartnerPopulations },
  options: { now: Date },
): PublishCounts {
  const counts: PublishCounts = { created: 0, removed: 0, populationChanged: 0 };
  // Prepared once per connection: building the SQL of many small queries costs more than running them.
  const selectAccounts = reusePrepared(tx, "announce.accountsByIds", () =>
    tx
      .select({ id: accounts.id, source: accounts.source, sourceId: accounts.sourceId, name: accounts.name })
      .from(accounts)
      .where(inIdList(accounts.id))
      .prepare(),
  );
  const selectSnapshots = reusePrepared(tx, "announce.snapshotsOfMineAccounts", () =>
    tx
      .select()
      .from(publishedOverlaps)
      .where(
        and(
          eq(publishedOverlaps.orgId, sql.placeholder("orgId")),
          eq(publishedOverlaps.scopeKey, sql.placeholder("scopeKey")),
          inIdList(publishedOverlaps.mineAccountId),
        ),
      )
      .prepare(),
  );
  const partnershipOf = partnershipLookup(tx);
  for (const diff of input.diffs) {
    const pairs = [...diff.created, ...diff.removed, ...diff.populationChanged.map((change) => change.current)];
    if (pairs.length === 0) continue;
    const scope = diff.scope;
    const partnershipId = "partnershipId" in scope ? scope.partnershipId : null;
    const offlinePartnerId = "offlinePartnerId" in scope ? scope.offlinePartnerId : null;
    const scopeKey = scopeKeyOf({ partnershipId, offlinePartnerId });
    const partnership = partnershipId === null ? undefined : partnershipOf(partnershipId);
    const current = [...diff.created, ...diff.populationChanged.map((change) => change.current)];
    const mineIds = [...new Set(pairs.map((pair) => pair.mineAccountId))];
    const accountsById = new Map<string, { source: string; sourceId: string; name: string }>();
    const published: Snapshot[] = [];
    const wanted = new Set(pairs.map((pair) => keyOf(scopeKey, pair.mineAccountId, pair.partnerAccountId)));
    for (const batch of splitIntoBatches(mineIds)) {
      const ids = bindIdList(batch);
      for (const row of selectAccounts.all(ids)) accountsById.set(row.id, row);
      const snapshots = selectSnapshots.all({ ...ids, orgId: scope.orgId, scopeKey });
      published.push(...snapshots.filter((row) => wanted.has(keyOf(row.scopeKey, row.mineAccountId, row.partnerAccountId))));
    }
    const rows = current.map((overlap): AnnounceRow => {
      const account = accountsById.get(overlap.mineAccountId);
      if (!account) throw new AppError("internal", `overlap names account ${overlap.mineAccountId}, which does not exist`);
      return {
        partnershipId,
        offlinePartnerId,
        mineAccountId: overlap.mineAccountId,
        partnerAccountId: overlap.partnerAccountId,
        relation: overlap.relation,
        confidence: overlap.confidence,
        minePopulations: overlap.minePopulations,
        partnerPopulations: overlap.partnerPopulations,
        inviterOrgId: partnership?.inviterOrgId ?? null,
        inviteeOrgId: partnership?.inviteeOrgId ?? null,
        mineSource: account.source,
        mineSourceId: account.sourceId,
        mineName: account.name,
      };
    });
    const scopeCounts = announceRows(tx, { orgId: scope.orgId, visible: input.visibleFor(scope.orgId) }, rows, published, options, partnershipOf);
    counts.created += scopeCounts.created;
    counts.removed += scopeCounts.removed;
    counts.populationChanged += scopeCounts.populationChanged;
  }
  return counts;
}

/** Partnerships by id, each read once per transaction. */
function partnershipLookup(tx: Db): (id: string) => typeof partnerships.$inferSelect | undefined {
  const known = new Map<string, typeof partnerships.$inferSelect | undefined>();
  const select = reusePrepared(tx, "announce.partnershipById", () => tx.select().from(partnerships).where(eq(partnerships.id, sql.placeholder("id"))).prepare());
  return (id) => {
    if (!known.has(id)) known.set(id, select.get({ id }));
    return known.get(id);
  };
}

/**
 * The announcing rule: `rows` are the current overlaps and `publishedRows` the snapshot of the same
 * set of pairs (every pair of the org, or only the changed ones). A visible pair not in the snapshot
 * is created, one with other visible populations changed, a snapshot pair not visible now removed;
 * the snapshot is updated and the events appended, in `tx`.
 */
function announceRows(
  tx: Db,
  input: { orgId: string; visible: VisiblePartnerPopulations },
  rows: readonly AnnounceRow[],
  publishedRows: readonly Snapshot[],
  options: { now: Date },
  partnershipOf = partnershipLookup(tx),
): PublishCounts {
  const now = options.now.toISOString();
  const upsertSnapshots = createBatchWriter<Snapshot>(tx, "published_overlaps.upsert", SNAPSHOT_KEYS, (placeholderRows) =>
    tx
      .insert(publishedOverlaps)
      .values(placeholderRows)
      .onConflictDoUpdate({ target: SNAPSHOT_PRIMARY_KEY, set: setFromExcluded(getTableColumns(publishedOverlaps), ["minePopulations", "partnerPopulations", "publishedAt"]) })
      .prepare(),
  );
  const deleteSnapshot = reusePrepared(tx, "announce.deleteSnapshot", () =>
    tx
      .delete(publishedOverlaps)
      .where(
        and(
          eq(publishedOverlaps.orgId, sql.placeholder("orgId")),
          eq(publishedOverlaps.scopeKey, sql.placeholder("scopeKey")),
          eq(publishedOverlaps.mineAccountId, sql.placeholder("mineAccountId")),
          eq(publishedOverlaps.partnerAccountId, sql.placeholder("partnerAccountId")),
        ),
      )
      .prepare(),
  );
  const published = new Map<string, Snapshot>();
  for (const row of publishedRows) published.set(keyOf(row.scopeKey, row.mineAccountId, row.partnerAccountId), row);

  const events: (DomainEventInput & { sortKey: string })[] = [];
  const counts: PublishCounts = { created: 0, removed: 0, populationChanged: 0 };
  const seen = new Set<string>();
  const scopeOf = (scopeKey: string): { partnershipId: string } | { offlinePartnerId: string } => {
    const [kind, id] = scopeKey.split(":") as [string, string];
    return kind === "partnership" ? { partnershipId: id } : { offlinePartnerId: id };
  };

  for (const row of rows) {
    const scopeKey = scopeKeyOf(row);
    const partnerOrgId = row.partnershipId === null ? null : row.inviterOrgId === input.orgId ? row.inviteeOrgId : row.inviterOrgId;
    const visiblePartner = input.visible({ scopeKey, partnerOrgId, partnerPopulations: row.partnerPopulations });
    if (visiblePartner === null) continue;
    const key = keyOf(scopeKey, row.mineAccountId, row.partnerAccountId);
    seen.add(key);
    const partnerPopulations = [...visiblePartner];
    const previous = published.get(key);
    if (previous && sameList(previous.minePopulations, row.minePopulations) && sameList(previous.partnerPopulations, partnerPopulations)) continue;

    const payload: Record<string, unknown> = {
      ...scopeOf(scopeKey),
      mineAccount: { id: row.mineAccountId, source: row.mineSource, sourceId: row.mineSourceId, name: row.mineName },
      partnerAccountId: row.partnerAccountId,
      relation: row.relation,
      confidence: row.confidence,
      minePopulations: row.minePopulations,
      partnerPopulations,
    };
    if (previous) {
      payload.previous = { minePopulations: previous.minePopulations, partnerPopulations: previous.partnerPopulations };
      counts.populationChanged += 1;
    } else {
      counts.created += 1;
    }
    events.push({
      sortKey: key,
      type: previous ? "overlap.population_changed" : "overlap.created",
      orgId: input.orgId,
      ...(partnerOrgId !== null && { partnerOrgId }),
      ...(row.partnershipId !== null && { partnershipId: row.partnershipId }),
      payload,
    });
    upsertSnapshots.add({
      orgId: input.orgId,
      scopeKey,
      mineAccountId: row.mineAccountId,
      partnerAccountId: row.partnerAccountId,
      minePopulations: row.minePopulations,
      partnerPopulations,
      publishedAt: now,
    });
  }
  upsertSnapshots.flush();

  for (const [key, previous] of published) {
    if (seen.has(key)) continue;
    counts.removed += 1;
    const scope = scopeOf(previous.scopeKey);
    const partnership = "partnershipId" in scope ? partnershipOf(scope.partnershipId) : undefined;
    const partnerOrgId = partnership ? (partnership.inviterOrgId === input.orgId ? partnership.inviteeOrgId : partnership.inviterOrgId) : undefined;
    events.push({
      sortKey: key,
      type: "overlap.removed",
      orgId: input.orgId,
      ...(partnerOrgId !== undefined && { partnerOrgId }),
      ...("partnershipId" in scope && { partnershipId: scope.partnershipId }),
      payload: {
        ...scope,
        mineAccountId: previous.mineAccountId,
        partnerAccountId: previous.partnerAccountId,
        minePopulations: previous.minePopulations,
        partnerPopulations: previous.partnerPopulations,
      },
    });
    deleteSnapshot.run({ orgId: input.orgId, scopeKey: previous.scopeKey, mineAccountId: previous.mineAccountId, partnerAccountId: previous.partnerAccountId });
  }

  // A stable order, so a resumed run emits the same sequence as an uninterrupted one.
  events.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.type < b.type ? -1 : 1));
  appendDomainEvents(tx, events.map(({ sortKey: _sortKey, ...event }) => event), options);
  return counts;
}

/**
 * Announces an org's partner-tagged opportunities (`partnerId` set in the CRM): `partner_opportunity.created`
 * the first time one is seen, `partner_opportunity.won` when it is won. Notices and events are written in
 * one transaction, so each is announced once.
 */
export async function publishPartnerOpportunityChanges(db: Db, input: { orgId: string }, options: { now: Date }): Promise<{ created: number; won: number }> {
  const now = options.now.toISOString();
  return db.transaction((tx) => {
    const rows = tx
      .select({ opportunity: opportunities, notice: partnerOpportunityNotices })
      .from(opportunities)
      .leftJoin(partnerOpportunityNotices, eq(partnerOpportunityNotices.opportunityId, opportunities.id))
      .where(and(eq(opportunities.orgId, input.orgId), isNotNull(opportunities.partnerId), isNull(opportunities.deletedAt)))
      .orderBy(opportunities.source, opportunities.sourceId)
      .all();
    const events: DomainEventInput[] = [];
    const counts = { created: 0, won: 0 };
    for (const { opportunity, notice } of rows) {
      const createdNotified = notice?.createdNotified ?? false;
      const wonNotified = notice?.wonNotified ?? false;
      const announceWon = opportunity.isWon && !wonNotified;
      if (createdNotified && !announceWon) continue;
      const payload = {
        opportunity: {
          id: opportunity.id,
          source: opportunity.source,
          sourceId: opportunity.sourceId,
          accountId: opportunity.accountId,
          name: opportunity.name,
          stage: opportunity.stage,
          amount: opportunity.amount,
          currency: opportunity.currency,
          closeDate: opportunity.closeDate,
          isWon: opportunity.isWon,
        },
        partnerId: opportunity.partnerId,
      };
      if (!createdNotified) {
        events.push({ type: "partner_opportunity.created", orgId: input.orgId, payload });
        counts.created += 1;
      }
      if (announceWon) {
        events.push({ type: "partner_opportunity.won", orgId: input.orgId, payload });
        counts.won += 1;
      }
      const state = { createdNotified: true, wonNotified: wonNotified || opportunity.isWon, updatedAt: now };
      tx.insert(partnerOpportunityNotices)
        .values({ opportunityId: opportunity.id, orgId: input.orgId, ...state })
        .onConflictDoUpdate({ target: partnerOpportunityNotices.opportunityId, set: state })
        .run();
    }
    appendDomainEvents(tx, events, options);
    return counts;
  }, WRITE_TRANSACTION);
}
