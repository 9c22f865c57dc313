import { z } from "zod";

/**
 * What a partner may see of one population: nothing, counts only, the overlapping records
 * (limited to a field allowlist), or every record including non-overlapping ones (greenfield).
 */
export const SharingLevelSchema = z.enum(["hidden", "counts", "overlaps", "full"]);
export type SharingLevel = z.infer<typeof SharingLevelSchema>;

export const SharingRuleSchema = z.object({
  populationId: z.string().min(1),
  /** Absent: the org-wide default for this population; present: an override for one partner. */
  partnerOrgId: z.string().min(1).optional(),
  level: SharingLevelSchema,
  /** Account fields the partner may see at `overlaps` / `full`. */
  fieldAllowlist: z.array(z.string().min(1)).default(["name", "website"]),
});
export type SharingRule = z.infer<typeof SharingRuleSchema>;
