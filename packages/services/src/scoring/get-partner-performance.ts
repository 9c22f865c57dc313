import { computePartnerPerformance } from "@mutual/core";
import type { PartnerPerformance } from "@mutual/core";
import { getOrganization, listExchangeRates } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { loadOwnOpportunities } from "../attribution/load-own-opportunities.ts";
import { collectPartnerScores } from "./collect-partner-scores.ts";

export const GetPartnerPerformanceInputSchema = z.object({
  orgId: z.string().min(1),
  partnerId: z.string().min(1).optional(),
});
export type GetPartnerPerformanceInput = z.input<typeof GetPartnerPerformanceInputSchema>;

export type PartnerPerformanceResult =
  | (PartnerPerformance & { partnerName: string })
  | { partnerId: string; partnerName: string; status: "not_shared"; message: string };

/**
 * Per partner: win rate, deal size and days to close of my deals on accounts overlapping the
 * partner (as far as it shares records) against the others, over the org's window.
 */
export async function getPartnerPerformance(ctx: ServiceContext, input: GetPartnerPerformanceInput): Promise<PartnerPerformanceResult[]> {
  const parsed = parseServiceInput(GetPartnerPerformanceInputSchema, input, "partner performance request");
  const now = readClock(ctx);
  const organization = await getOrganization(ctx.db, parsed.orgId);
  const rates = await listExchangeRates(ctx.db, parsed.orgId);
  const { partners, settings, signals } = await collectPartnerScores(ctx, parsed);
  const opportunities = loadOwnOpportunities(ctx, parsed.orgId, partners);
  return partners.map((partner): PartnerPerformanceResult => {
    const signal = signals.find((s) => s.partnerId === partner.id)!;
    if (!signal.recordsVisible) {
      return {
        partnerId: partner.id,
        partnerName: partner.name,
        status: "not_shared",
        message: "the partner shares no records, so overlapping accounts are unknown",
      };
    }
    const performance = computePartnerPerformance(
      { partnerId: partner.id, opportunities, overlappingAccountIds: signal.overlappingAccountIds },
      { ...settings.performance, orgCurrency: organization.currency, rates },
      now,
    );
    return { ...performance, partnerName: partner.name };
  });
}
