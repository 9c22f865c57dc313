import type { CosellScore } from "@mutual/core";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { collectPartnerScores } from "./collect-partner-scores.ts";

export const ComputeCosellScoresInputSchema = z.object({
  orgId: z.string().min(1),
  /** One partner; omit for every partner of the org. */
  partnerId: z.string().min(1).optional(),
});
export type ComputeCosellScoresInput = z.input<typeof ComputeCosellScoresInputSchema>;

/**
 * Partner Impact Score of each of the org's accounts against each partner, from what the partner
 * shares only (unshared facts are explicit unknowns with reasons). Scores keep full precision.
 */
export async function computeCosellScores(
  ctx: ServiceContext,
  input: ComputeCosellScoresInput,
): Promise<{ partnerId: string; partnerName: string; scores: CosellScore[] }[]> {
  const parsed = parseServiceInput(ComputeCosellScoresInputSchema, input, "co-sell scores request");
  const { partners, scores } = await collectPartnerScores(ctx, parsed);
  return partners.map((partner) => ({
    partnerId: partner.id,
    partnerName: partner.name,
    scores: scores.filter((score) => score.partnerId === partner.id),
  }));
}
