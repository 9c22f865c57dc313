import type { Partner } from "@mutual/core";
import { createPartner } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { MANAGERS, requireMember } from "../internal/require-member.ts";

export const CreateOfflinePartnerInputSchema = z.object({
  actorUserId: z.string().min(1),
  name: z.string().trim().min(1),
});
export type CreateOfflinePartnerInput = z.input<typeof CreateOfflinePartnerInputSchema>;

/** A partner that is not on this deployment: the actor's org uploads its lists and only that org sees them. */
export async function createOfflinePartner(ctx: ServiceContext, input: CreateOfflinePartnerInput): Promise<Partner> {
  const parsed = parseServiceInput(CreateOfflinePartnerInputSchema, input, "offline partner");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  return createPartner(ctx.db, { kind: "offline", ownerOrgId: actor.orgId, name: parsed.name }, { now: readClock(ctx) });
}
