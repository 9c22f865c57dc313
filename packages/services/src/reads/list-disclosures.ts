import { listDisclosureEvents } from "@mutual/db";
import type { DisclosureEvent } from "@mutual/db";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { ADMINS, requireMember } from "../internal/require-member.ts";

export const ListDisclosuresInputSchema = z.object({
  actorUserId: z.string().min(1),
  /** Only what was disclosed to this partner org. */
  partnerOrgId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});
export type ListDisclosuresInput = z.input<typeof ListDisclosuresInputSchema>;

/** For an admin: what their org disclosed, to whom, through which channel and when, newest first. */
export async function listDisclosures(ctx: ServiceContext, input: ListDisclosuresInput): Promise<DisclosureEvent[]> {
  const parsed = parseServiceInput(ListDisclosuresInputSchema, input, "disclosure listing");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: ADMINS });
  return listDisclosureEvents(ctx.db, actor.orgId, {
    ...(parsed.partnerOrgId !== undefined && { viewerOrgId: parsed.partnerOrgId }),
    ...(parsed.limit !== undefined && { limit: parsed.limit }),
  });
}
