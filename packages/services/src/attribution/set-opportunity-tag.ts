import { clearManualPartnerTag, setManualPartnerTag } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { getOpportunityTag, type OpportunityTagView } from "./get-opportunity-tag.ts";
import { recomputeAttribution } from "./recompute-attribution.ts";
import { requireOwnOpportunity, requireOwnPartner } from "./require-org-records.ts";

export const SetOpportunityTagInputSchema = z.object({
  orgId: z.string().min(1),
  opportunityId: z.string().min(1),
  /** The influencing partner a person chose (it always wins); null removes the manual tag. */
  partnerId: z.string().min(1).nullable(),
  notes: z.string().trim().min(1).optional(),
  by: z.string().min(1),
});
export type SetOpportunityTagInput = z.input<typeof SetOpportunityTagInputSchema>;

/** Sets or clears the manual influencing-partner tag of an opportunity, then recomputes the tags. */
export async function setOpportunityTag(ctx: ServiceContext, input: SetOpportunityTagInput): Promise<OpportunityTagView> {
  const parsed = parseServiceInput(SetOpportunityTagInputSchema, input, "opportunity tag");
  requireOwnOpportunity(ctx, parsed.orgId, parsed.opportunityId);
  const now = readClock(ctx);
  if (parsed.partnerId === null) {
    await clearManualPartnerTag(ctx.db, parsed.orgId, parsed.opportunityId);
  } else {
    requireOwnPartner(ctx, parsed.orgId, parsed.partnerId);
    await setManualPartnerTag(ctx.db, parsed.orgId, {
      opportunityId: parsed.opportunityId,
      partnerId: parsed.partnerId,
      assignedAt: now.toISOString().slice(0, 10),
      ...(parsed.notes !== undefined && { notes: parsed.notes }),
      by: parsed.by,
    });
  }
  await recomputeAttribution(ctx, { orgId: parsed.orgId, now });
  return getOpportunityTag(ctx, { orgId: parsed.orgId, opportunityId: parsed.opportunityId });
}
