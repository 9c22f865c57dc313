import type { Partnership } from "@mutual/core";
import type { ServiceContext } from "../context.ts";
import { changePartnership, type PartnershipActionInput } from "../internal/change-partnership.ts";
import { overlapScopeKey } from "../overlaps/overlap-match-space.ts";

/**
 * Either side pauses: from this moment every read path returns nothing of either org to the other
 * (the policy reads the status on each read). Stored overlaps stay for a resume.
 */
export async function pausePartnership(ctx: ServiceContext, input: PartnershipActionInput): Promise<Partnership> {
  const partnership = await changePartnership(ctx, input, "pause");
  ctx.matchSpace?.space.removeScope(overlapScopeKey({ partnershipId: partnership.id }));
  return partnership;
}
