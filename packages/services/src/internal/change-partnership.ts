import { decidePartnershipAction } from "@mutual/core";
import type { Partnership, PartnershipAction } from "@mutual/core";
import { changePartnershipStatus, getPartnership } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "./parse-input.ts";
import { MANAGERS, requireMember } from "./require-member.ts";

export const PartnershipActionInputSchema = z.object({
  actorUserId: z.string().min(1),
  partnershipId: z.string().min(1),
});
export type PartnershipActionInput = z.input<typeof PartnershipActionInputSchema>;

/** Checks the actor (a manager of one of the two orgs) and the lifecycle (core), then stores the new status. */
export async function changePartnership(
  ctx: ServiceContext,
  input: PartnershipActionInput,
  action: PartnershipAction,
): Promise<Partnership> {
  const parsed = parseServiceInput(PartnershipActionInputSchema, input, "partnership action");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  const partnership = await getPartnership(ctx.db, parsed.partnershipId);
  const target = decidePartnershipAction(partnership, actor.orgId, action);
  return changePartnershipStatus(ctx.db, partnership.id, target, { now: readClock(ctx) });
}
