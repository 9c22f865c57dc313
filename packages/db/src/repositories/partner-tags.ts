import { ManualPartnerTagSchema } from "@mutual/core";
import type { InfluencingPartnerTag, ManualPartnerTag } from "@mutual/core";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { splitIntoBatches } from "../internal/batches.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { influencingPartnerTags, manualPartnerTags } from "../schema/attribution.ts";

export type ManualPartnerTagInput = z.input<typeof ManualPartnerTagSchema>;

function mapTag(row: typeof influencingPartnerTags.$inferSelect): InfluencingPartnerTag {
  return {
    opportunityId: row.opportunityId,
    partnerId: row.partnerId,
    partnerName: row.partnerName,
    partnerType: row.partnerType ?? undefined,
    partnerManager: row.partnerManager ?? undefined,
    assignedAt: row.assignedAt,
    notes: row.notes,
    origin: row.origin,
    evidenceCount: row.evidenceCount,
  };
}

/** Replaces the org's influencing-partner tags (one per open opportunity) in one transaction. */
export async function replaceInfluencingPartnerTags(
  db: Db,
  orgId: string,
  tags: readonly InfluencingPartnerTag[],
  options: WriteOptions = {},
): Promise<number> {
  const updatedAt = formatTimestamp(options);
  db.transaction((tx) => {
    tx.delete(influencingPartnerTags).where(eq(influencingPartnerTags.orgId, orgId)).run();
    for (const batch of splitIntoBatches(tags)) {
      tx.insert(influencingPartnerTags)
        .values(batch.map((tag) => ({ ...tag, orgId, partnerType: tag.partnerType ?? null, partnerManager: tag.partnerManager ?? null, updatedAt })))
        .run();
    }
  }, WRITE_TRANSACTION);
  return tags.length;
}

export async function listInfluencingPartnerTags(db: Db, orgId: string): Promise<InfluencingPartnerTag[]> {
  const rows = await db
    .select()
    .from(influencingPartnerTags)
    .where(eq(influencingPartnerTags.orgId, orgId))
    .orderBy(asc(influencingPartnerTags.opportunityId));
  return rows.map(mapTag);
}

/** The opportunity's current tag, or undefined when it has none. */
export async function findInfluencingPartnerTag(db: Db, orgId: string, opportunityId: string): Promise<InfluencingPartnerTag | undefined> {
  const [row] = await db
    .select()
    .from(influencingPartnerTags)
    .where(and(eq(influencingPartnerTags.orgId, orgId), eq(influencingPartnerTags.opportunityId, opportunityId)));
  return row ? mapTag(row) : undefined;
}

/** Sets (or replaces) the manual tag of an opportunity: it wins over any computed one. */
export async function setManualPartnerTag(db: Db, orgId: string, input: ManualPartnerTagInput): Promise<ManualPartnerTag> {
  const parsed = parseInput(ManualPartnerTagSchema, input, "manual partner tag");
  const values = { partnerId: parsed.partnerId, assignedAt: parsed.assignedAt, notes: parsed.notes ?? null, by: parsed.by };
  await runWithConflictCheck("manual tag conflict", () =>
    db
      .insert(manualPartnerTags)
      .values({ opportunityId: parsed.opportunityId, orgId, ...values })
      .onConflictDoUpdate({ target: manualPartnerTags.opportunityId, set: values }),
  );
  return parsed;
}

/** Removes the manual tag (the computed choice applies again); returns whether there was one. */
export async function clearManualPartnerTag(db: Db, orgId: string, opportunityId: string): Promise<boolean> {
  const rows = await db
    .delete(manualPartnerTags)
    .where(and(eq(manualPartnerTags.orgId, orgId), eq(manualPartnerTags.opportunityId, opportunityId)))
    .returning({ id: manualPartnerTags.opportunityId });
  return rows.length > 0;
}

export async function listManualPartnerTags(db: Db, orgId: string): Promise<ManualPartnerTag[]> {
  const rows = await db.select().from(manualPartnerTags).where(eq(manualPartnerTags.orgId, orgId));
  return rows.map((row) => ({
    opportunityId: row.opportunityId,
    partnerId: row.partnerId,
    assignedAt: row.assignedAt,
    ...(row.notes !== null && { notes: row.notes }),
    by: row.by,
  }));
}
