import type { InfluencingPartnerTag, ManualPartnerTag } from "@mutual/core";
import { findInfluencingPartnerTag, listManualPartnerTags } from "@mutual/db";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { requireOwnOpportunity } from "./require-org-records.ts";

export const GetOpportunityTagInputSchema = z.object({ orgId: z.string().min(1), opportunityId: z.string().min(1) });
export type GetOpportunityTagInput = z.input<typeof GetOpportunityTagInputSchema>;

export interface OpportunityTagView {
  opportunityId: string;
  /** The tag in effect (manual if there is one), as written to the CRM; null when none. */
  tag: InfluencingPartnerTag | null;
  manual: ManualPartnerTag | null;
}

export async function getOpportunityTag(ctx: ServiceContext, input: GetOpportunityTagInput): Promise<OpportunityTagView> {
  const { orgId, opportunityId } = parseServiceInput(GetOpportunityTagInputSchema, input, "tag request");
  requireOwnOpportunity(ctx, orgId, opportunityId);
  const manual = (await listManualPartnerTags(ctx.db, orgId)).find((t) => t.opportunityId === opportunityId) ?? null;
  return { opportunityId, tag: (await findInfluencingPartnerTag(ctx.db, orgId, opportunityId)) ?? null, manual };
}
