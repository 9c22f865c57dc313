import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { accounts } from "../schema/accounts.ts";
import { opportunities } from "../schema/opportunities.ts";
import { overlaps } from "../schema/overlaps.ts";
import { partnerships } from "../schema/partnerships.ts";
import { partnerOpportunityNotices, publishedOverlaps } from "../schema/sync.ts";
import { appendDomainEvents } from "./domain-events.ts";
import type { DomainEventInput } from "./domain-events.ts";

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

const keyOf = (scopeKey: string, mine: string, partner: string) => `${scopeKey}\u0000${mine}\u0000${partner}`;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Announces what changed in an org's overlaps since the last announcement: compares the stored
 * overlaps (through `visible`) with the published snapshot and, in ONE transaction, updates the
 * snapshot and appends `overlap.created` / `overlap.removed` / `overlap.population_changed` events to
 * the outbox. Re-running after a crash finds nothing new, so every change is announced exactly once,
 * whatever wrote the overlaps (full or incremental recompute).
 */
export async function publishOverlapChanges(
  db: Db,
  input: { orgId: string; visible: VisiblePartnerPopulations },
  options: { now: Date },
): Promise<PublishCounts> {
  const now = options.now.toISOString();
  return db.transaction((tx) => {
    const rows = tx
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
      .innerJoin(accounts, eq(accounts.id, overlaps.mineAccountId))
      .where(eq(overlaps.orgId, input.orgId))
      .all();
    const published = new Map<string, Snapshot>();
    for (const row of tx.select().from(publishedOverlaps).where(eq(publishedOverlaps.orgId, input.orgId)).all()) {
      published.set(keyOf(row.scopeKey, row.mineAccountId, row.partnerAccountId), row);
    }

    const events: (DomainEventInput & { sortKey: string })[] = [];
    const counts: PublishCounts = { created: 0, removed: 0, populationChanged: 0 };
    const seen = new Set<string>();
    const scopeOf = (scopeKey: string): { partnershipId: string } | { offlinePartnerId: string } => {
      const [kind, id] = scopeKey.split(":") as [string, string];
      return kind === "partnership" ? { partnershipId: id } : { offlinePartnerId: id };
    };

    for (const row of rows) {
      const scopeKey = row.partnershipId !== null ? `partnership:${row.partnershipId}` : `offline:${row.offlinePartnerId}`;
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
      const snapshot = { minePopulations: row.minePopulations, partnerPopulations, publishedAt: now };
      tx.insert(publishedOverlaps)
        .values({ orgId: input.orgId, scopeKey, mineAccountId: row.mineAccountId, partnerAccountId: row.partnerAccountId, ...snapshot })
        .onConflictDoUpdate({
          target: [publishedOverlaps.orgId, publishedOverlaps.scopeKey, publishedOverlaps.mineAccountId, publishedOverlaps.partnerAccountId],
          set: snapshot,
        })
        .run();
    }

    for (const [key, previous] of published) {
      if (seen.has(key)) continue;
      counts.removed += 1;
      const scope = scopeOf(previous.scopeKey);
      const partnership = "partnershipId" in scope ? tx.select().from(partnerships).where(eq(partnerships.id, scope.partnershipId)).get() : undefined;
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
      tx.delete(publishedOverlaps)
        .where(
          and(
            eq(publishedOverlaps.orgId, input.orgId),
            eq(publishedOverlaps.scopeKey, previous.scopeKey),
            eq(publishedOverlaps.mineAccountId, previous.mineAccountId),
            eq(publishedOverlaps.partnerAccountId, previous.partnerAccountId),
          ),
        )
        .run();
    }

    // A stable order, so a resumed run emits the same sequence as an uninterrupted one.
    events.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.type < b.type ? -1 : 1));
    appendDomainEvents(tx, events.map(({ sortKey: _sortKey, ...event }) => event), options);
    return counts;
  }, WRITE_TRANSACTION);
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
