import { z } from "zod";

export const MatchRelationSchema = z.enum(["same_account", "same_group"]);
export type MatchRelation = z.infer<typeof MatchRelationSchema>;

/** One of my accounts matched to one of the partner's, with the populations each side has it in. */
export const OverlapSchema = z.object({
  mineAccountId: z.string().min(1),
  partnerAccountId: z.string().min(1),
  relation: MatchRelationSchema,
  confidence: z.number().min(0).max(1),
  evidence: z.string(),
  minePopulations: z.array(z.string().min(1)),
  partnerPopulations: z.array(z.string().min(1)),
});
export type Overlap = z.infer<typeof OverlapSchema>;
