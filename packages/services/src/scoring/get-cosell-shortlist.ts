import { buildCosellShortlist } from "@mutual/core";
import type { CosellShortlist } from "@mutual/core";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { collectPartnerScores } from "./collect-partner-scores.ts";

export const GetCosellShortlistInputSchema = z.object({
  orgId: z.string().min(1),
  /** One partner's shortlist; omit to pick the best partner per account among all partners. */
  partnerId: z.string().min(1).optional(),
  /** Overrides of the org's quadrant thresholds for this request. */
  thresholds: z.object({ icp: z.number().min(0).max(100).optional(), cosell: z.number().nonnegative().optional() }).optional(),
});
export type GetCosellShortlistInput = z.input<typeof GetCosellShortlistInputSchema>;

/** ICP shortlist (ICP >= the org's minimum) with each account's best partner, score and quadrant advice. */
export async function getCosellShortlist(ctx: ServiceContext, input: GetCosellShortlistInput): Promise<CosellShortlist> {
  const parsed = parseServiceInput(GetCosellShortlistInputSchema, input, "co-sell shortlist request");
  const { settings, ownAccounts, scores } = await collectPartnerScores(ctx, {
    orgId: parsed.orgId,
    ...(parsed.partnerId && { partnerId: parsed.partnerId }),
  });
  const thresholds = { ...settings.quadrants, ...parsed.thresholds };
  return buildCosellShortlist(ownAccounts, scores, settings.cosell, thresholds);
}
