import { ExchangeRateSchema } from "@mutual/core";
import { CosellSettingsSchema, getOrganization, setCosellSettings, upsertExchangeRates } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { getCosellConfig, type CosellConfigView } from "./get-cosell-config.ts";

export const SetCosellConfigInputSchema = z.object({
  orgId: z.string().min(1),
  /** Replaces the settings document; omitted parts take their defaults. */
  settings: CosellSettingsSchema,
  /** Rates to add or update (same currency and period: the rate is replaced). */
  exchangeRates: z.array(ExchangeRateSchema).optional(),
});
export type SetCosellConfigInput = z.input<typeof SetCosellConfigInputSchema>;

/**
 * Saves the org's co-sell and attribution settings (and rates). Attribution is not recomputed here:
 * call recomputeAttribution so the new weights, windows and rates apply.
 */
export async function setCosellConfig(ctx: ServiceContext, input: SetCosellConfigInput): Promise<CosellConfigView> {
  const parsed = parseServiceInput(SetCosellConfigInputSchema, input, "co-sell config");
  await getOrganization(ctx.db, parsed.orgId);
  const now = readClock(ctx);
  await setCosellSettings(ctx.db, parsed.orgId, parsed.settings, { now });
  if (parsed.exchangeRates) await upsertExchangeRates(ctx.db, parsed.orgId, parsed.exchangeRates, { now });
  return getCosellConfig(ctx, { orgId: parsed.orgId });
}
