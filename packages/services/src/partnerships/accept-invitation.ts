import type { Partnership } from "@mutual/core";
import { createPartner, getOrganization } from "@mutual/db";
import type { ServiceContext } from "../context.ts";
import { readClock } from "../context.ts";
import { changePartnership, type PartnershipActionInput } from "../internal/change-partnership.ts";
import { recomputeOverlaps } from "../overlaps/recompute-overlaps.ts";

/**
 * The invited org accepts: the partnership becomes active, each org gets the other as a partner,
 * and the overlaps are computed. What each side then sees still depends on the other's sharing rules.
 */
export async function acceptInvitation(ctx: ServiceContext, input: PartnershipActionInput): Promise<Partnership> {
  const partnership = await changePartnership(ctx, input, "accept");
  const now = readClock(ctx);
  const inviter = await getOrganization(ctx.db, partnership.inviterOrgId);
  const invitee = await getOrganization(ctx.db, partnership.inviteeOrgId);
  for (const [owner, other] of [[inviter, invitee], [invitee, inviter]] as const) {
    await createPartner(ctx.db, { kind: "org", ownerOrgId: owner.id, name: other.name, partnershipId: partnership.id, partnerOrgId: other.id }, { now });
  }
  await recomputeOverlaps(ctx, { orgId: partnership.inviterOrgId, only: { partnershipId: partnership.id } });
  return partnership;
}
