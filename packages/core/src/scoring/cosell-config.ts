import { z } from "zod";

/** Weights of the Partner Impact Score; the defaults. */
export const CosellWeightsSchema = z.object({
  customer: z.number().finite().nonnegative().default(0.35),
  opps: z.number().finite().nonnegative().default(0.45),
  tier: z.number().finite().nonnegative().default(0.2),
});
export type CosellWeights = z.infer<typeof CosellWeightsSchema>;

export const DEFAULT_TIER_SCORES: Readonly<Record<string, number>> = { Platinum: 3, Gold: 2, Silver: 1 };

/** Per-org co-sell configuration; a tier missing from the table scores 0. */
export const CosellConfigSchema = z.object({
  weights: CosellWeightsSchema.default({ customer: 0.35, opps: 0.45, tier: 0.2 }),
  tiers: z.record(z.string().trim().min(1), z.number().finite().nonnegative()).default({ ...DEFAULT_TIER_SCORES }),
  /** Shortlist: accounts whose ICP score is at least this. */
  minIcp: z.number().min(0).max(100).default(70),
});
export type CosellConfig = z.infer<typeof CosellConfigSchema>;
export type CosellConfigInput = z.input<typeof CosellConfigSchema>;
