import { getCosellSettings, getOrganization, listExchangeRates } from "@mutual/db";
import type { CosellSettings } from "@mutual/db";
import type { ExchangeRate } from "@mutual/core";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";

export const GetCosellConfigInputSchema = z.object({ orgId: z.string().min(1) });
export type GetCosellConfigInput = z.input<typeof GetCosellConfigInputSchema>;

/** The org's co-sell/attribution settings (defaults filled in), its currency and its exchange rates. */
export interface CosellConfigView extends CosellSettings {
  orgCurrency: string;
  exchangeRates: ExchangeRate[];
}

export async function getCosellConfig(ctx: ServiceContext, input: GetCosellConfigInput): Promise<CosellConfigView> {
  const { orgId } = parseServiceInput(GetCosellConfigInputSchema, input, "co-sell config request");
  const organization = await getOrganization(ctx.db, orgId);
  const settings = await getCosellSettings(ctx.db, orgId);
  return { ...settings, orgCurrency: organization.currency, exchangeRates: await listExchangeRates(ctx.db, orgId) };
}
