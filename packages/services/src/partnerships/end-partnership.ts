import type { Partnership } from "@mutual/core";
import { replaceOverlaps } from "@mutual/db";
import { readClock, type ServiceContext } from "../context.ts";
import { changePartnership, type PartnershipActionInput } from "../internal/change-partnership.ts";
import { overlapScopeKey } from "../overlaps/overlap-match-space.ts";

/**
 * Either side ends the partnership (or declines / withdraws an invitation). Access stops at once:
 * the policy sees `ended` on the next read. Both sides' stored overlaps are deleted too.
 */
export async function endPartnership(ctx: ServiceContext, input: PartnershipActionInput): Promise<Partnership> {
  const partnership = await changePartnership(ctx, input, "end");
  const now = readClock(ctx);
  for (const orgId of [partnership.inviterOrgId, partnership.inviteeOrgId]) {
    await replaceOverlaps(ctx.db, { orgId, partnershipId: partnership.id }, [], { now });
  }
  ctx.matchSpace?.space.removeScope(overlapScopeKey({ partnershipId: partnership.id }));
  return partnership;
}
