import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import type { ReviewItem } from "@mutual/core";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { attributionReviewItems } from "../schema/attribution.ts";

export const REVIEW_ITEM_STATUSES = ["open", "resolved", "dismissed"] as const;
export type ReviewItemStatus = (typeof REVIEW_ITEM_STATUSES)[number];

export type StoredReviewItem = ReviewItem & {
  id: string;
  status: ReviewItemStatus;
  resolution?: string;
  resolvedBy?: string;
  resolvedAt?: string;
  createdAt: string;
  updatedAt: string;
};

export const ResolveReviewItemInputSchema = z.object({
  status: z.enum(["resolved", "dismissed"]),
  resolution: z.string().trim().min(1, "say how the item was settled"),
  by: z.string().min(1),
});
export type ResolveReviewItemInput = z.input<typeof ResolveReviewItemInputSchema>;

/** The same conflict across recomputes: opportunity, kind and the partners involved. */
function keyOf(item: ReviewItem): string {
  return JSON.stringify([item.opportunityId, item.kind, [...item.partnerIds].sort()]);
}

function mapRow(row: typeof attributionReviewItems.$inferSelect): StoredReviewItem {
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    kind: row.kind as ReviewItem["kind"],
    partnerIds: row.partnerIds,
    message: row.message,
    status: row.status,
    ...(row.resolution !== null && { resolution: row.resolution }),
    ...(row.resolvedBy !== null && { resolvedBy: row.resolvedBy }),
    ...(row.resolvedAt !== null && { resolvedAt: row.resolvedAt }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Brings the org's review queue in line with a recompute: new items open, items still detected
 * keep their status (a dismissed item stays dismissed), open items no longer detected are removed.
 * Settled items are kept as history.
 */
export async function syncReviewItems(
  db: Db,
  orgId: string,
  items: readonly ReviewItem[],
  options: WriteOptions = {},
): Promise<{ opened: number; removed: number }> {
  const now = formatTimestamp(options);
  const wanted = new Map(items.map((item) => [keyOf(item), item]));
  return db.transaction((tx) => {
    const existing = tx.select().from(attributionReviewItems).where(eq(attributionReviewItems.orgId, orgId)).all();
    let removed = 0;
    for (const row of existing) {
      const item = wanted.get(row.key);
      wanted.delete(row.key);
      if (item) {
        if (item.message !== row.message) {
          tx.update(attributionReviewItems).set({ message: item.message, updatedAt: now }).where(eq(attributionReviewItems.id, row.id)).run();
        }
      } else if (row.status === "open") {
        tx.delete(attributionReviewItems).where(eq(attributionReviewItems.id, row.id)).run();
        removed += 1;
      }
    }
    for (const [key, item] of wanted) {
      tx.insert(attributionReviewItems)
        .values({
          id: randomUUID(),
          orgId,
          opportunityId: item.opportunityId,
          key,
          kind: item.kind,
          partnerIds: [...item.partnerIds].sort(),
          message: item.message,
          status: "open",
          createdAt: now,
          updatedAt: now,
        })
        .run();
    }
    return { opened: wanted.size, removed };
  }, WRITE_TRANSACTION);
}

/** The org's review queue (one status, or all), oldest first. */
export async function listReviewItems(db: Db, orgId: string, options: { status?: ReviewItemStatus } = {}): Promise<StoredReviewItem[]> {
  const rows = await db
    .select()
    .from(attributionReviewItems)
    .where(
      options.status
        ? and(eq(attributionReviewItems.orgId, orgId), eq(attributionReviewItems.status, options.status))
        : eq(attributionReviewItems.orgId, orgId),
    )
    .orderBy(asc(attributionReviewItems.createdAt), asc(attributionReviewItems.id));
  return rows.map(mapRow);
}

/** Settles one open item; `not_found` outside the org, `conflict` when it is already settled. */
export async function resolveReviewItem(
  db: Db,
  orgId: string,
  id: string,
  input: ResolveReviewItemInput,
  options: WriteOptions = {},
): Promise<StoredReviewItem> {
  const parsed = parseInput(ResolveReviewItemInputSchema, input, "review resolution");
  const now = formatTimestamp(options);
  return db.transaction((tx) => {
    const row = tx
      .select()
      .from(attributionReviewItems)
      .where(and(eq(attributionReviewItems.orgId, orgId), eq(attributionReviewItems.id, id)))
      .get();
    if (!row) throw new AppError("not_found", `review item ${id} not found`);
    if (row.status !== "open") throw new AppError("conflict", `review item ${id} is already ${row.status}`);
    const updated = tx
      .update(attributionReviewItems)
      .set({ status: parsed.status, resolution: parsed.resolution, resolvedBy: parsed.by, resolvedAt: now, updatedAt: now })
      .where(eq(attributionReviewItems.id, id))
      .returning()
      .get();
    return mapRow(updated);
  }, WRITE_TRANSACTION);
}

/** Settles every open item of one opportunity (an override decides them); returns how many. */
export async function resolveOpenReviewItemsOfOpportunity(
  db: Db,
  orgId: string,
  opportunityId: string,
  input: ResolveReviewItemInput,
  options: WriteOptions = {},
): Promise<number> {
  const parsed = parseInput(ResolveReviewItemInputSchema, input, "review resolution");
  const now = formatTimestamp(options);
  const rows = await db
    .update(attributionReviewItems)
    .set({ status: parsed.status, resolution: parsed.resolution, resolvedBy: parsed.by, resolvedAt: now, updatedAt: now })
    .where(
      and(
        eq(attributionReviewItems.orgId, orgId),
        eq(attributionReviewItems.opportunityId, opportunityId),
        eq(attributionReviewItems.status, "open"),
      ),
    )
    .returning({ id: attributionReviewItems.id });
  return rows.length;
}
