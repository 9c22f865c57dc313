import { AppError, OverlapSchema } from "@mutual/core";
import type { Overlap } from "@mutual/core";
import { and, asc, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { createBatchWriter } from "../internal/batch-writer.ts";
import { timeOrderedId } from "../internal/time-ordered-id.ts";
import { reusePrepared } from "../internal/prepared.ts";
import { bindIdList, inIdList, splitIntoBatches } from "../internal/batches.ts";
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

function inScope(row: typeof overlaps.$inferSelect, scope: OverlapScope): boolean {
  return row.orgId === scope.orgId && ("partnershipId" in scope ? row.partnershipId === scope.partnershipId : row.offlinePartnerId === scope.offlinePartnerId);
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
      const writer = createBatchWriter<OverlapInsert>(tx, "overlaps.insert", OVERLAP_KEYS, (placeholderRows) =>
        tx.insert(overlaps).values(placeholderRows).prepare(),
      );
      for (const record of records) {
        writer.add({
          ...record,
          id: timeOrderedId(),
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
      const writer = createBatchWriter<OverlapInsert>(tx, "overlaps.insert", OVERLAP_KEYS, (placeholderRows) =>
        tx.insert(overlaps).values(placeholderRows).prepare(),
      );
      for (const record of records) {
        writer.add({
          ...record,
          id: timeOrderedId(),
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

/** What one write changed in one org's view of a scope (pairs keyed by mine x partner account). */
export type OverlapDiff = {
  scope: OverlapScope;
  created: Overlap[];
  removed: StoredOverlap[];
  /** Same pair, other populations on either side (relation/confidence changes alone are not changes). */
  populationChanged: { previous: StoredOverlap; current: Overlap }[];
};

/** Overlaps of one org's view of a scope: all of them, or only those of `mineAccountIds`. */
export type OverlapWrite = { scope: OverlapScope; mineAccountIds?: readonly string[]; overlaps: readonly Overlap[] };

const pairKey = (mineAccountId: string, partnerAccountId: string) => `${mineAccountId}\u0000${partnerAccountId}`;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Writes overlaps like `replaceOverlaps` (no `mineAccountIds`) or `replaceOverlapsOfAccounts` (with
 * them), several writes in ONE transaction, and reports per write what changed against the stored
 * rows it replaces. `onWritten(tx, diffs)` runs inside that transaction before it commits, so outbox
 * events appended there commit or roll back together with the overlaps (no after-the-fact diff).
 */
export async function writeOverlapsWithDiff(
  db: Db,
  writes: readonly OverlapWrite[],
  options: WriteOptions & { onWritten?: (tx: Db, diffs: OverlapDiff[]) => void } = {},
): Promise<OverlapDiff[]> {
  const parsed = writes.map((write) => {
    const scope = parseInput(OverlapScopeSchema, write.scope, "overlap scope");
    const records = parseInputList(OverlapSchema, write.overlaps, "overlap");
    const accountIds = write.mineAccountIds === undefined ? undefined : new Set(write.mineAccountIds);
    const byPair = new Map<string, Overlap>();
    for (const record of records) {
      if (accountIds && !accountIds.has(record.mineAccountId)) {
        throw new AppError("invalid_input", `overlap of account ${record.mineAccountId} is outside the accounts being replaced`);
      }
      const key = pairKey(record.mineAccountId, record.partnerAccountId);
      if (byPair.has(key)) throw new AppError("invalid_input", `overlap ${record.mineAccountId} x ${record.partnerAccountId} is listed twice`);
      byPair.set(key, record);
    }
    return { scope, accountIds, records, byPair };
  });
  // Each write replaces rows of its own scope only, so all inserts can wait for one batched flush.
  const scopes = new Set<string>();
  for (const { scope } of parsed) {
    const key = JSON.stringify(scope);
    if (scopes.has(key)) throw new AppError("invalid_input", `overlap scope ${key} is written twice in one call`);
    scopes.add(key);
  }
  const computedAt = formatTimestamp(options);
  return runWithConflictCheck("duplicate overlap", () =>
    db.transaction((tx) => {
      const diffs: OverlapDiff[] = [];
      const writer = createBatchWriter<OverlapInsert>(tx, "overlaps.insert", OVERLAP_KEYS, (placeholderRows) => tx.insert(overlaps).values(placeholderRows).prepare());
      // Prepared once per connection (building the SQL of each small query costs more than running it).
      const selectOfAccounts = reusePrepared(tx, "overlaps.ofMineAccounts", () => tx.select().from(overlaps).where(inIdList(overlaps.mineAccountId)).prepare());
      const deleteByIds = reusePrepared(tx, "overlaps.deleteByIds", () => tx.delete(overlaps).where(inIdList(overlaps.id)).prepare());
      // drizzle's types take no placeholders in set(); at run time it binds them, encoding values per column.
      const updatedColumns = ["relation", "confidence", "evidence", "minePopulations", "partnerPopulations", "computedAt"] as const;
      const updateById = reusePrepared(tx, "overlaps.updateById", () =>
        tx
          .update(overlaps)
          .set(Object.fromEntries(updatedColumns.map((column) => [column, sql.placeholder(column)])) as unknown as Partial<OverlapInsert>)
          .where(eq(overlaps.id, sql.placeholder("id")))
          .prepare(),
      );
      for (const { scope, accountIds, records, byPair } of parsed) {
        // The rows being replaced, read in the transaction that replaces them.
        const existing =
          accountIds === undefined
            ? tx.select().from(overlaps).where(matchScope(scope)).all()
            : // By account (its index), the scope checked here: with the scope in the query SQLite may walk
              // the scope's index (every overlap of the partnership) instead.
              splitIntoBatches([...accountIds]).flatMap((batch) => selectOfAccounts.all(bindIdList(batch)).filter((row) => inScope(row, scope)));
        const diff: OverlapDiff = { scope, created: [], removed: [], populationChanged: [] };
        // Pairs still there keep their row: changed ones are updated in place (their computedAt is when they
        // last changed), which touches the table alone where a delete and insert would touch every index.
        const kept = new Set<string>();
        const removed: string[] = [];
        for (const row of existing) {
          const key = pairKey(row.mineAccountId, row.partnerAccountId);
          const current = byPair.get(key);
          if (!current) {
            diff.removed.push(mapRowToOverlap(row));
            removed.push(row.id);
            continue;
          }
          kept.add(key);
          const samePopulations = sameList(row.minePopulations, current.minePopulations) && sameList(row.partnerPopulations, current.partnerPopulations);
          if (!samePopulations) diff.populationChanged.push({ previous: mapRowToOverlap(row), current });
          if (samePopulations && row.relation === current.relation && row.confidence === current.confidence && row.evidence === current.evidence) continue;
          updateById.run({
            id: row.id,
            relation: current.relation,
            confidence: current.confidence,
            evidence: current.evidence,
            minePopulations: current.minePopulations,
            partnerPopulations: current.partnerPopulations,
            computedAt,
          });
        }
        for (const [key, record] of byPair) if (!kept.has(key)) diff.created.push(record);
        diffs.push(diff);

        for (const batch of splitIntoBatches(removed)) deleteByIds.run(bindIdList(batch));
        for (const record of records) {
          if (kept.has(pairKey(record.mineAccountId, record.partnerAccountId))) continue;
          writer.add({
            ...record,
            id: timeOrderedId(),
            orgId: scope.orgId,
            partnershipId: "partnershipId" in scope ? scope.partnershipId : null,
            offlinePartnerId: "offlinePartnerId" in scope ? scope.offlinePartnerId : null,
            computedAt,
          });
        }
      }
      writer.flush();
      options.onWritten?.(tx, diffs);
      return diffs;
    }, WRITE_TRANSACTION),
  );
}
