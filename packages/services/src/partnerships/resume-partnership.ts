import type { Partnership } from "@mutual/core";
import type { ServiceContext } from "../context.ts";
import { changePartnership, type PartnershipActionInput } from "../internal/change-partnership.ts";
import { recomputeOverlaps } from "../overlaps/recompute-overlaps.ts";

/** Either side resumes a paused partnership; overlaps are recomputed, since data moved on meanwhile. */
export async function resumePartnership(ctx: ServiceContext, input: PartnershipActionInput): Promise<Partnership> {
  const partnership = await changePartnership(ctx, input, "resume");
  await recomputeOverlaps(ctx, { orgId: partnership.inviterOrgId, only: { partnershipId: partnership.id } });
  return partnership;
}
