import { z } from "zod";

/** invited -> active (both accepted) -> paused <-> active; any -> ended (final). */
export const PartnershipStatusSchema = z.enum(["invited", "active", "paused", "ended"]);
export type PartnershipStatus = z.infer<typeof PartnershipStatusSchema>;

export const PartnershipSchema = z.object({
  id: z.string().min(1),
  inviterOrgId: z.string().min(1),
  inviteeOrgId: z.string().min(1),
  status: PartnershipStatusSchema,
  createdAt: z.iso.datetime({ offset: true }),
  acceptedAt: z.iso.datetime({ offset: true }).optional(),
  endedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Partnership = z.infer<typeof PartnershipSchema>;

/**
 * A partner as one org sees it: either another org on this deployment (through a partnership)
 * or an offline partner whose lists the org uploads itself and only it can see.
 */
export const PartnerSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("org"),
    id: z.string().min(1),
    ownerOrgId: z.string().min(1),
    name: z.string().trim().min(1),
    partnershipId: z.string().min(1),
    partnerOrgId: z.string().min(1),
  }),
  z.object({
    kind: z.literal("offline"),
    id: z.string().min(1),
    ownerOrgId: z.string().min(1),
    name: z.string().trim().min(1),
  }),
]);
export type Partner = z.infer<typeof PartnerSchema>;
