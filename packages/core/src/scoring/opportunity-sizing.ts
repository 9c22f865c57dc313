import { z } from "zod";
import { parseInput } from "./parse-input.ts";

export const SizingInputSchema = z.object({
  overlaps: z.number().int().nonnegative(),
  introToDemo: z.number().min(0).max(1),
  demoToDeal: z.number().min(0).max(1),
  /** Average deal size in major units of the org currency. */
  dealSize: z.number().finite().nonnegative(),
});
export type SizingInput = z.infer<typeof SizingInputSchema>;

export interface OpportunitySizing {
  /** Expected demos, whole (rounded down). */
  demos: number;
  /** Expected deals, whole (rounded down): overlaps x intro->demo x demo->deal. */
  deals: number;
  /** deals x deal size. */
  pipeline: number;
}

// Rates like 0.29 are not exact in binary (0.29 * 100 = 28.999999999999996); settle the product
// to 9 decimals before rounding down so a whole result is not lost to drift.
function floorSettled(value: number): number {
  return Math.floor(Math.round(value * 1e9) / 1e9);
}

/** Addressable pipeline with a prospective partner, from counts alone. */
export function sizePartnerOpportunity(raw: SizingInput): OpportunitySizing {
  const input = parseInput(SizingInputSchema, raw, "sizing");
  const demos = floorSettled(input.overlaps * input.introToDemo);
  const deals = floorSettled(input.overlaps * input.introToDemo * input.demoToDeal);
  // toPrecision(15) drops the binary tail of e.g. 3 x 0.1 without touching real cents.
  return { demos, deals, pipeline: Number((deals * input.dealSize).toPrecision(15)) };
}
