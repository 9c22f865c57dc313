import { getAttribution } from "@mutual/db";
import type { StoredAttribution } from "@mutual/db";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";

export const GetOpportunityAttributionInputSchema = z.object({ orgId: z.string().min(1), opportunityId: z.string().min(1) });
export type GetOpportunityAttributionInput = z.input<typeof GetOpportunityAttributionInputSchema>;

/** One opportunity's stored attribution: credits with evidence lines, split, converted amount, flags. */
export async function getOpportunityAttribution(ctx: ServiceContext, input: GetOpportunityAttributionInput): Promise<StoredAttribution> {
  const parsed = parseServiceInput(GetOpportunityAttributionInputSchema, input, "attribution request");
  return getAttribution(ctx.db, parsed.orgId, parsed.opportunityId);
}
