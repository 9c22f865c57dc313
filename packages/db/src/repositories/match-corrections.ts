import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import { and, asc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { formatTimestamp, type WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { matchCorrections } from "../schema/match-corrections.ts";

const RecordSelectorSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    domain: z.string().trim().min(1).max(253).optional(),
    name: z.string().trim().min(1).max(300).optional(),
  })
  .strict();

/** A correction in a scope's own orientation: left = the partnership's inviter, or the org of an offline partner. */
export const MatchCorrectionInputSchema = z
  .object({
    scope: z.union([z.object({ partnershipId: z.string().min(1) }).strict(), z.object({ offlinePartnerId: z.string().min(1) }).strict()]),
    authorOrgId: z.string().min(1),
    authorUserId: z.string().min(1).optional(),
    decision: z.enum(["always", "never"]),
    left: RecordSelectorSchema,
    right: RecordSelectorSchema,
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((c) => Object.keys(c.left).length > 0 || Object.keys(c.right).length > 0, "a correction selects records on at least one side");
export type MatchCorrectionInput = z.input<typeof MatchCorrectionInputSchema>;

export type StoredMatchCorrection = z.output<typeof MatchCorrectionInputSchema> & { id: string; createdAt: string };

export async function recordMatchCorrection(db: Db, input: MatchCorrectionInput, options: WriteOptions = {}): Promise<StoredMatchCorrection> {
  const parsed = parseInput(MatchCorrectionInputSchema, input, "match correction");
  const stored = { ...parsed, id: randomUUID(), createdAt: formatTimestamp(options) };
  await db.insert(matchCorrections).values({
    id: stored.id,
    ...("partnershipId" in parsed.scope ? { partnershipId: parsed.scope.partnershipId } : { offlinePartnerId: parsed.scope.offlinePartnerId }),
    authorOrgId: parsed.authorOrgId,
    authorUserId: parsed.authorUserId ?? null,
    decision: parsed.decision,
    left: parsed.left,
    right: parsed.right,
    note: parsed.note ?? null,
    createdAt: stored.createdAt,
  });
  return stored;
}

export async function getMatchCorrection(db: Db, id: string): Promise<StoredMatchCorrection> {
  const row = (await db.select().from(matchCorrections).where(eq(matchCorrections.id, id)))[0];
  if (!row) throw new AppError("not_found", `match correction ${id} not found`);
  return toStored(row);
}

export async function deleteMatchCorrection(db: Db, id: string): Promise<void> {
  await db.delete(matchCorrections).where(eq(matchCorrections.id, id));
}

/** The corrections of these scopes (in the order they were made), by scope key `partnership:<id>` / `offline:<id>`. */
export function listMatchCorrections(
  db: Db,
  scopes: readonly ({ partnershipId: string } | { offlinePartnerId: string })[],
): Map<string, StoredMatchCorrection[]> {
  const partnershipIds = scopes.flatMap((s) => ("partnershipId" in s ? [s.partnershipId] : []));
  const offlineIds = scopes.flatMap((s) => ("offlinePartnerId" in s ? [s.offlinePartnerId] : []));
  const byScope = new Map<string, StoredMatchCorrection[]>();
  if (scopes.length === 0) return byScope;
  // Synchronous, like the overlap recompute that reads it.
  const rows = db
    .select()
    .from(matchCorrections)
    .where(
      or(
        partnershipIds.length > 0 ? and(isNotNull(matchCorrections.partnershipId), inArray(matchCorrections.partnershipId, partnershipIds)) : undefined,
        offlineIds.length > 0 ? and(isNotNull(matchCorrections.offlinePartnerId), inArray(matchCorrections.offlinePartnerId, offlineIds)) : undefined,
      ),
    )
    .orderBy(asc(matchCorrections.createdAt), sql`rowid`)
    .all();
  for (const row of rows) {
    const correction = toStored(row);
    const key = "partnershipId" in correction.scope ? `partnership:${correction.scope.partnershipId}` : `offline:${correction.scope.offlinePartnerId}`;
    const list = byScope.get(key);
    if (list) list.push(correction);
    else byScope.set(key, [correction]);
  }
  return byScope;
}

function toStored(row: typeof matchCorrections.$inferSelect): StoredMatchCorrection {
  return {
    id: row.id,
    scope: row.partnershipId !== null ? { partnershipId: row.partnershipId } : { offlinePartnerId: row.offlinePartnerId! },
    authorOrgId: row.authorOrgId,
    ...(row.authorUserId !== null && { authorUserId: row.authorUserId }),
    decision: row.decision,
    left: row.left,
    right: row.right,
    ...(row.note !== null && { note: row.note }),
    createdAt: row.createdAt,
  };
}
