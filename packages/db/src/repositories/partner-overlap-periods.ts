import { randomUUID } from "node:crypto";
import type { OverlapPeriod } from "@mutual/core";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { splitIntoBatches } from "../internal/batches.ts";
import { parseInputList } from "../internal/validate-input.ts";
import { partnerOverlapPeriods } from "../schema/attribution.ts";

export const CurrentOverlapSchema = z.object({
  partnerId: z.string().min(1),
  accountId: z.string().min(1),
  partnerPopulation: z.string().min(1),
});
export type CurrentOverlap = z.infer<typeof CurrentOverlapSchema>;

const keyOf = (o: CurrentOverlap) => JSON.stringify([o.partnerId, o.accountId, o.partnerPopulation]);

/**
 * Brings the overlap history of `orgId` with `partnerIds` up to date with what overlaps now, on
 * `day` (YYYY-MM-DD): new overlaps open a period, open periods no longer overlapping are closed on
 * `day`. Periods of other partners are untouched. Returns how many were opened and closed.
 */
export async function syncOverlapPeriods(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  current: readonly CurrentOverlap[],
  day: string,
): Promise<{ opened: number; closed: number }> {
  const parsed = parseInputList(CurrentOverlapSchema, current, "current overlap");
  if (partnerIds.length === 0) return { opened: 0, closed: 0 };
  const wanted = new Map(parsed.map((o) => [keyOf(o), o]));
  return db.transaction((tx) => {
    const open = tx
      .select()
      .from(partnerOverlapPeriods)
      .where(
        and(
          eq(partnerOverlapPeriods.orgId, orgId),
          inArray(partnerOverlapPeriods.partnerId, [...partnerIds]),
          isNull(partnerOverlapPeriods.to),
        ),
      )
      .all();
    let closed = 0;
    for (const period of open) {
      if (wanted.delete(keyOf(period))) continue;
      tx.update(partnerOverlapPeriods).set({ to: day }).where(eq(partnerOverlapPeriods.id, period.id)).run();
      closed += 1;
    }
    for (const batch of splitIntoBatches([...wanted.values()])) {
      tx.insert(partnerOverlapPeriods).values(batch.map((overlap) => ({ id: randomUUID(), orgId, ...overlap, from: day, to: null }))).run();
    }
    return { opened: wanted.size, closed };
  }, WRITE_TRANSACTION);
}

/** The org's overlap history, as attribution reads it. */
export async function listOverlapPeriods(db: Db, orgId: string): Promise<OverlapPeriod[]> {
  const rows = await db
    .select()
    .from(partnerOverlapPeriods)
    .where(eq(partnerOverlapPeriods.orgId, orgId))
    .orderBy(asc(partnerOverlapPeriods.from), asc(partnerOverlapPeriods.id));
  return rows.map((row) => ({
    partnerId: row.partnerId,
    accountId: row.accountId,
    partnerPopulation: row.partnerPopulation,
    from: row.from,
    ...(row.to !== null && { to: row.to }),
  }));
}
