import type { Partnership } from "@mutual/core";
import { AppError } from "@mutual/core";
import { createPartnership, getOrganization } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { MANAGERS, requireMember } from "../internal/require-member.ts";

export const InviteOrganizationInputSchema = z.object({
  actorUserId: z.string().min(1),
  /** Another org on this deployment. */
  inviteeOrgId: z.string().min(1),
});
export type InviteOrganizationInput = z.input<typeof InviteOrganizationInputSchema>;

/**
 * Invites another org to map accounts. Inviting counts as the inviter's acceptance; nothing is
 * mapped or shown until the invited org accepts (`acceptInvitation`).
 */
export async function inviteOrganization(ctx: ServiceContext, input: InviteOrganizationInput): Promise<Partnership> {
  const parsed = parseServiceInput(InviteOrganizationInputSchema, input, "invitation");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  if (parsed.inviteeOrgId === actor.orgId) throw new AppError("invalid_input", "an organization cannot invite itself");
  await getOrganization(ctx.db, parsed.inviteeOrgId);
  return createPartnership(ctx.db, { inviterOrgId: actor.orgId, inviteeOrgId: parsed.inviteeOrgId }, { now: readClock(ctx) });
}
