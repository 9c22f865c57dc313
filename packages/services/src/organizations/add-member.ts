import { createUser, UserRoleSchema } from "@mutual/db";
import type { User } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { ADMINS, requireMember } from "../internal/require-member.ts";

export const AddMemberInputSchema = z.object({
  actorUserId: z.string().min(1),
  email: z.email(),
  name: z.string().trim().min(1).optional(),
  role: UserRoleSchema,
});
export type AddMemberInput = z.input<typeof AddMemberInputSchema>;

/** An admin adds a member to their own org (admin, partner_manager or rep); emails are unique per deployment. */
export async function addMember(ctx: ServiceContext, input: AddMemberInput): Promise<User> {
  const parsed = parseServiceInput(AddMemberInputSchema, input, "member");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: ADMINS });
  return createUser(ctx.db, { orgId: actor.orgId, email: parsed.email, name: parsed.name, role: parsed.role }, { now: readClock(ctx) });
}
