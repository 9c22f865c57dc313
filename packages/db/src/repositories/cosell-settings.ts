import {
  AttributionConfigSchema,
  CosellConfigSchema,
  PartnerPerformanceOptionsSchema,
} from "@mutual/core";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { cosellSettings } from "../schema/cosell.ts";

/**
 * An org's co-sell and attribution settings (issue 8). Currency comes from the organization and
 * rates from the exchange rates table, so neither is part of this document.
 */
export const CosellSettingsSchema = z.object({
  cosell: CosellConfigSchema.default(CosellConfigSchema.parse({})),
  /** Quadrant thresholds; absent = midpoint of each axis over the shortlist. */
  quadrants: z
    .object({ icp: z.number().min(0).max(100).optional(), cosell: z.number().finite().nonnegative().optional() })
    .default({}),
  attribution: AttributionConfigSchema.omit({ orgCurrency: true, rates: true }).default(
    AttributionConfigSchema.omit({ orgCurrency: true, rates: true }).parse({}),
  ),
  performance: PartnerPerformanceOptionsSchema.pick({ windowMonths: true, minClosedDeals: true }).default({
    windowMonths: 12,
    minClosedDeals: 10,
  }),
});
export type CosellSettings = z.output<typeof CosellSettingsSchema>;
export type CosellSettingsInput = z.input<typeof CosellSettingsSchema>;

/** The org's settings, defaults filled in (an org that never saved any gets the defaults). */
export async function getCosellSettings(db: Db, orgId: string): Promise<CosellSettings> {
  const [row] = await db.select().from(cosellSettings).where(eq(cosellSettings.orgId, orgId));
  return CosellSettingsSchema.parse(row?.settings ?? {});
}

/** Replaces the org's settings (validated; omitted parts take their defaults) and returns them. */
export async function setCosellSettings(
  db: Db,
  orgId: string,
  input: CosellSettingsInput,
  options: WriteOptions = {},
): Promise<CosellSettings> {
  const settings = parseInput(CosellSettingsSchema, input, "co-sell settings");
  const updatedAt = formatTimestamp(options);
  await db
    .insert(cosellSettings)
    .values({ orgId, settings, updatedAt })
    .onConflictDoUpdate({ target: cosellSettings.orgId, set: { settings, updatedAt } });
  return settings;
}
