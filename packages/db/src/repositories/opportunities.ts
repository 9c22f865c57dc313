import { randomUUID } from "node:crypto";
import { OpportunitySchema } from "@mutual/core";
import type { Opportunity } from "@mutual/core";
import { and, asc, eq, getTableColumns, gt, inArray, isNull } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { createBatchWriter } from "../internal/batch-writer.ts";
import { bindIdList, inIdList, splitIntoBatches } from "../internal/batches.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { hashContent } from "../internal/content-hash.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { setFromExcluded } from "../internal/upsert-set.ts";
import { parseInput, parseInputList } from "../internal/validate-input.ts";
import { accounts } from "../schema/accounts.ts";
import { opportunities } from "../schema/opportunities.ts";
import { RecordSourceSchema } from "./accounts.ts";
import type { UpsertCounts } from "./accounts.ts";

export type OpportunityRow = typeof opportunities.$inferSelect;

export type ListOpportunitiesOptions = {
  source?: string;
  /** Only opportunities resolved to this account (our id). */
  accountId?: string;
  includeDeleted?: boolean;
  /** Page size (default 1000); pass the last row's `id` as `after` for the next page. */
  limit?: number;
  after?: string;
};

const UPDATED_ON_CONFLICT = [
  "accountSourceId",
  "accountId",
  "name",
  "stage",
  "amount",
  "currency",
  "sourceCreatedAt",
  "closeDate",
  "isClosed",
  "isWon",
  "ownerEmail",
  "partnerId",
  "leadSource",
  "contentHash",
  "updatedAt",
  "deletedAt",
] as const;

function hashOpportunity(opportunity: Opportunity): string {
  return hashContent([
    opportunity.accountId,
    opportunity.name,
    opportunity.stage,
    opportunity.amount,
    opportunity.currency,
    opportunity.createdAt,
    opportunity.closeDate,
    opportunity.isClosed,
    opportunity.isWon,
    opportunity.ownerEmail,
    opportunity.partnerId,
    // Appended only when set, so rows stored before the field existed keep their hash (no mass re-write).
    ...(opportunity.leadSource === undefined ? [] : [opportunity.leadSource]),
  ]);
}

/** The canonical opportunity back from a row (ids are the source's, as in the core model). */
export function mapRowToOpportunity(row: OpportunityRow): Opportunity {
  const opportunity: Opportunity = {
    id: row.sourceId,
    accountId: row.accountSourceId,
    name: row.name,
    stage: row.stage,
    isClosed: row.isClosed,
    isWon: row.isWon,
  };
  if (row.amount !== null) opportunity.amount = row.amount;
  if (row.currency !== null) opportunity.currency = row.currency;
  if (row.sourceCreatedAt !== null) opportunity.createdAt = row.sourceCreatedAt;
  if (row.closeDate !== null) opportunity.closeDate = row.closeDate;
  if (row.ownerEmail !== null) opportunity.ownerEmail = row.ownerEmail;
  if (row.partnerId !== null) opportunity.partnerId = row.partnerId;
  if (row.leadSource !== null) opportunity.leadSource = row.leadSource;
  return opportunity;
}

type OpportunityInsert = Required<typeof opportunities.$inferInsert>;
const OPPORTUNITY_KEYS = Object.keys(getTableColumns(opportunities)) as (keyof OpportunityInsert)[];

function buildOpportunityRow(
  orgId: string,
  source: string,
  opportunity: Opportunity,
  derived: { accountId: string | null; contentHash: string; now: string },
): OpportunityInsert {
  return {
    // New rows get a fresh id; on conflict the existing row keeps its own (id is not in the update set).
    id: randomUUID(),
    orgId,
    source,
    sourceId: opportunity.id,
    accountSourceId: opportunity.accountId,
    accountId: derived.accountId,
    name: opportunity.name,
    stage: opportunity.stage,
    amount: opportunity.amount ?? null,
    currency: opportunity.currency ?? null,
    sourceCreatedAt: opportunity.createdAt ?? null,
    closeDate: opportunity.closeDate ?? null,
    isClosed: opportunity.isClosed,
    isWon: opportunity.isWon,
    ownerEmail: opportunity.ownerEmail ?? null,
    partnerId: opportunity.partnerId ?? null,
    leadSource: opportunity.leadSource ?? null,
    contentHash: derived.contentHash,
    createdAt: derived.now,
    updatedAt: derived.now,
    deletedAt: null,
  };
}

/**
 * Upserts opportunities like `upsertAccounts`, and resolves each one's account (same org and
 * source, not deleted) into `accountId`; a row whose resolution changed counts as updated.
 */
export async function upsertOpportunities(
  db: Db,
  orgId: string,
  source: string,
  input: readonly Opportunity[],
  options: WriteOptions = {},
): Promise<UpsertCounts> {
  const sourceName = parseInput(RecordSourceSchema, source, "source");
  const parsed = parseInputList(OpportunitySchema, input, "opportunity");
  const records = [...new Map(parsed.map((opportunity) => [opportunity.id, opportunity])).values()];
  const now = formatTimestamp(options);
  const columns = getTableColumns(opportunities);
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };

  await runWithConflictCheck("duplicate opportunity", () =>
    db.transaction((tx) => {
      const writer = createBatchWriter<OpportunityInsert>(tx, "opportunities.upsert", OPPORTUNITY_KEYS, (placeholderRows) =>
        tx
          .insert(opportunities)
          .values(placeholderRows)
          .onConflictDoUpdate({
            target: [opportunities.orgId, opportunities.source, opportunities.sourceId],
            set: setFromExcluded(columns, UPDATED_ON_CONFLICT),
          })
          .prepare(),
      );
      const selectExisting = tx
        .select({
          sourceId: opportunities.sourceId,
          accountId: opportunities.accountId,
          contentHash: opportunities.contentHash,
          deletedAt: opportunities.deletedAt,
        })
        .from(opportunities)
        .where(
          and(
            eq(opportunities.orgId, orgId),
            eq(opportunities.source, sourceName),
            inIdList(opportunities.sourceId),
          ),
        )
        .prepare();
      const selectLinkedAccounts = tx
        .select({ id: accounts.id, sourceId: accounts.sourceId })
        .from(accounts)
        .where(
          and(
            eq(accounts.orgId, orgId),
            eq(accounts.source, sourceName),
            inIdList(accounts.sourceId),
            isNull(accounts.deletedAt),
          ),
        )
        .prepare();
      for (const batch of splitIntoBatches(records)) {
        const existing = selectExisting.all(bindIdList(batch.map((opportunity) => opportunity.id)));
        const existingById = new Map(existing.map((row) => [row.sourceId, row]));
        const linked = selectLinkedAccounts.all(
          bindIdList([...new Set(batch.map((opportunity) => opportunity.accountId))]),
        );
        const accountIdBySourceId = new Map(linked.map((row) => [row.sourceId, row.id]));

        for (const opportunity of batch) {
          const contentHash = hashOpportunity(opportunity);
          const accountId = accountIdBySourceId.get(opportunity.accountId) ?? null;
          const previous = existingById.get(opportunity.id);
          if (
            previous &&
            previous.contentHash === contentHash &&
            previous.accountId === accountId &&
            previous.deletedAt === null
          ) {
            counts.unchanged += 1;
            continue;
          }
          if (previous) counts.updated += 1;
          else counts.inserted += 1;
          writer.add(buildOpportunityRow(orgId, sourceName, opportunity, { accountId, contentHash, now }));
        }
      }
      writer.flush();
    }, WRITE_TRANSACTION),
  );
  return counts;
}

/** An org's opportunities ordered by our id, a page at a time; soft-deleted ones only when asked. */
export async function listOpportunities(
  db: Db,
  orgId: string,
  options: ListOpportunitiesOptions = {},
): Promise<OpportunityRow[]> {
  const conditions: SQL[] = [eq(opportunities.orgId, orgId)];
  if (options.source !== undefined) conditions.push(eq(opportunities.source, options.source));
  if (options.accountId !== undefined) conditions.push(eq(opportunities.accountId, options.accountId));
  if (!options.includeDeleted) conditions.push(isNull(opportunities.deletedAt));
  if (options.after !== undefined) conditions.push(gt(opportunities.id, options.after));
  return db
    .select()
    .from(opportunities)
    .where(and(...conditions))
    .orderBy(asc(opportunities.id))
    .limit(options.limit ?? 1000);
}

/** Marks opportunities deleted; returns how many were live before. */
export async function softDeleteOpportunities(
  db: Db,
  orgId: string,
  source: string,
  sourceIds: readonly string[],
  options: WriteOptions = {},
): Promise<number> {
  const now = formatTimestamp(options);
  return db.transaction((tx) => {
    let deleted = 0;
    for (const batch of splitIntoBatches([...new Set(sourceIds)])) {
      const rows = tx
        .update(opportunities)
        .set({ deletedAt: now, updatedAt: now })
        .where(
          and(
            eq(opportunities.orgId, orgId),
            eq(opportunities.source, source),
            inArray(opportunities.sourceId, batch),
            isNull(opportunities.deletedAt),
          ),
        )
        .returning({ id: opportunities.id })
        .all();
      deleted += rows.length;
    }
    return deleted;
  }, WRITE_TRANSACTION);
}
