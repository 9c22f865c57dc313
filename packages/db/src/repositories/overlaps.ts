import { randomUUID } from "node:crypto";
import { AppError, OverlapSchema } from "@mutual/core";
import type { Overlap } from "@mutual/core";
import { and, asc, desc, eq, getTableColumns, inArray } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { createBatchWriter } from "../internal/batch-writer.ts";
import { splitIntoBatches } from "../internal/batches.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput, parseInputList } from "../internal/validate-input.ts";
import { overlaps } from "../schema/overlaps.ts";

/** Overlaps are computed for one org ("mine") against one partnership or one offline partner. */
export const OverlapScopeSchema = z.union([
  z.object({ orgId: z.string().min(1), partnershipId: z.string().min(1) }).strict(),
  z.object({ orgId: z.string().min(1), offlinePartnerId: z.string().min(1) }).strict(),
]);
export type OverlapScope = z.infer<typeof OverlapScopeSchema>;

/** A stored overlap: account ids are ours (accounts.id), plus the scope and when it was computed. */
export type StoredOverlap = Overlap & { id: string; computedAt: string };

type OverlapInsert = Required<typeof overlaps.$inferInsert>;
const OVERLAP_KEYS = Object.keys(getTableColumns(overlaps)) as (keyof OverlapInsert)[];

function matchScope(scope: OverlapScope) {
  return and(
    eq(overlaps.orgId, scope.orgId),
    "partnershipId" in scope
      ? eq(overlaps.partnershipId, scope.partnershipId)
      : eq(overlaps.offlinePartnerId, scope.offlinePartnerId),
  );
}

function mapRowToOverlap(row: typeof overlaps.$inferSelect): StoredOverlap {
  return {
    id: row.id,
    mineAccountId: row.mineAccountId,
    partnerAccountId: row.partnerAccountId,
    relation: row.relation,
    confidence: row.confidence,
    evidence: row.evidence,
    minePopulations: row.minePopulations,
    partnerPopulations: row.partnerPopulations,
    computedAt: row.computedAt,
  };
}

/**
 * Replaces every overlap of the scope with `input` in one transaction (readers never see a half
 * state). Account ids are ours (accounts.id); a pair listed twice is AppError("invalid_input").
 */
export async function replaceOverlaps(
  db: Db,
  scope: OverlapScope,
  input: readonly Overlap[],
  options: WriteOptions = {},
): Promise<{ deleted: number; inserted: number }> {
  const parsedScope = parseInput(OverlapScopeSchema, scope, "overlap scope");
  const records = parseInputList(OverlapSchema, input, "overlap");
  const pairs = new Set<string>();
  for (const record of records) {
    const pair = JSON.stringify([record.mineAccountId, record.partnerAccountId]);
    if (pairs.has(pair)) {
      throw new AppError("invalid_input", `overlap ${record.mineAccountId} x ${record.partnerAccountId} is listed twice`);
    }
    pairs.add(pair);
  }
  const computedAt = formatTimestamp(options);

  return runWithConflictCheck("duplicate overlap", () =>
    db.transaction((tx) => {
      const deleted = tx.delete(overlaps).where(matchScope(parsedScope)).returning({ id: overlaps.id }).all().length;
      const writer = createBatchWriter<OverlapInsert>(OVERLAP_KEYS, (placeholderRows) =>
        tx.insert(overlaps).values(placeholderRows).prepare(),
      );
      for (const record of records) {
        writer.add({
          ...record,
          id: randomUUID(),
          orgId: parsedScope.orgId,
          partnershipId: "partnershipId" in parsedScope ? parsedScope.partnershipId : null,
          offlinePartnerId: "offlinePartnerId" in parsedScope ? parsedScope.offlinePartnerId : null,
          computedAt,
        });
      }
      writer.flush();
      return { deleted, inserted: records.length };
    }, WRITE_TRANSACTION),
  );
}

/** The scope's overlaps, most confident first. */
export async function listOverlaps(db: Db, scope: OverlapScope): Promise<StoredOverlap[]> {
  const parsedScope = parseInput(OverlapScopeSchema, scope, "overlap scope");
  const rows = await db
    .select()
    .from(overlaps)
    .where(matchScope(parsedScope))
    .orderBy(desc(overlaps.confidence), asc(overlaps.mineAccountId), asc(overlaps.partnerAccountId));
  return rows.map(mapRowToOverlap);
}

/**
 * Incremental form of `replaceOverlaps`: in one transaction, deletes the scope's overlaps whose
 * `mineAccountId` is one of `mineAccountIds` and inserts `input` (which must only name those
 * accounts on the mine side). Overlaps of every other account of the scope are left as they are.
 */
export async function replaceOverlapsOfAccounts(
  db: Db,
  scope: OverlapScope,
  mineAccountIds: readonly string[],
  input: readonly Overlap[],
  options: WriteOptions = {},
): Promise<{ deleted: number; inserted: number }> {
  const parsedScope = parseInput(OverlapScopeSchema, scope, "overlap scope");
  const records = parseInputList(OverlapSchema, input, "overlap");
  const accountIds = new Set(mineAccountIds);
  const pairs = new Set<string>();
  for (const record of records) {
    if (!accountIds.has(record.mineAccountId)) {
      throw new AppError("invalid_input", `overlap of account ${record.mineAccountId} is outside the accounts being replaced`);
    }
    const pair = JSON.stringify([record.mineAccountId, record.partnerAccountId]);
    if (pairs.has(pair)) {
      throw new AppError("invalid_input", `overlap ${record.mineAccountId} x ${record.partnerAccountId} is listed twice`);
    }
    pairs.add(pair);
  }
  const computedAt = formatTimestamp(options);
  return runWithConflictCheck("duplicate overlap", () =>
    db.transaction((tx) => {
      let deleted = 0;
      for (const batch of splitIntoBatches([...accountIds])) {
        deleted += tx
          .delete(overlaps)
          .where(and(matchScope(parsedScope), inArray(overlaps.mineAccountId, batch)))
          .returning({ id: overlaps.id })
          .all().length;
      }
      const writer = createBatchWriter<OverlapInsert>(OVERLAP_KEYS, (placeholderRows) =>
        tx.insert(overlaps).values(placeholderRows).prepare(),
      );
      for (const record of records) {
        writer.add({
          ...record,
          id: randomUUID(),
          orgId: parsedScope.orgId,
          partnershipId: "partnershipId" in parsedScope ? parsedScope.partnershipId : null,
          offlinePartnerId: "offlinePartnerId" in parsedScope ? parsedScope.offlinePartnerId : null,
          computedAt,
        });
      }
      writer.flush();
      return { deleted, inserted: records.length };
    }, WRITE_TRANSACTION),
  );
}
