import { SizingInputSchema, sizePartnerOpportunity } from "@mutual/core";
import type { OpportunitySizing } from "@mutual/core";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { collectPartnerScores } from "./collect-partner-scores.ts";

export const EstimatePartnerOpportunityInputSchema = SizingInputSchema.omit({ overlaps: true }).extend({
  orgId: z.string().min(1),
  /** Given: size that count alone. Absent: size each partner (or `partnerId`) by its overlap count. */
  overlaps: SizingInputSchema.shape.overlaps.optional(),
  partnerId: z.string().min(1).optional(),
});
export type EstimatePartnerOpportunityInput = z.input<typeof EstimatePartnerOpportunityInputSchema>;

export type PartnerSizing = OpportunitySizing & { overlaps: number; partnerId?: string; partnerName?: string };

/**
 * Addressable pipeline from counts alone: overlaps x intro->demo x demo->deal x deal size (whole
 * demos and deals). Per partner, the overlap count is what the partner shares (counts suffice).
 */
export async function estimatePartnerOpportunity(
  ctx: ServiceContext,
  input: EstimatePartnerOpportunityInput,
): Promise<PartnerSizing[]> {
  const parsed = parseServiceInput(EstimatePartnerOpportunityInputSchema, input, "sizing request");
  const rates = { introToDemo: parsed.introToDemo, demoToDeal: parsed.demoToDeal, dealSize: parsed.dealSize };
  if (parsed.overlaps !== undefined) {
    return [{ overlaps: parsed.overlaps, ...sizePartnerOpportunity({ overlaps: parsed.overlaps, ...rates }) }];
  }
  const { partners, signals } = await collectPartnerScores(ctx, {
    orgId: parsed.orgId,
    ...(parsed.partnerId && { partnerId: parsed.partnerId }),
  });
  return partners.map((partner) => {
    const overlaps = signals.find((s) => s.partnerId === partner.id)?.overlapCount ?? 0;
    return { partnerId: partner.id, partnerName: partner.name, overlaps, ...sizePartnerOpportunity({ overlaps, ...rates }) };
  });
}
