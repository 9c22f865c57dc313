import { AttributionOverrideSchema } from "@mutual/core";
import { getAttribution, recordAttributionOverride, resolveOpenReviewItemsOfOpportunity } from "@mutual/db";
import type { StoredAttribution } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { recomputeAttribution } from "./recompute-attribution.ts";
import { requireOwnOpportunity, requireOwnPartner } from "./require-org-records.ts";

export const OverrideAttributionInputSchema = AttributionOverrideSchema.omit({ at: true }).extend({ orgId: z.string().min(1) });
export type OverrideAttributionInput = z.input<typeof OverrideAttributionInputSchema>;

/**
 * Replaces an opportunity's computed credit with a person's decision and its reason (kept through
 * every recompute, latest wins), settles the opportunity's open review items, and recomputes.
 */
export async function overrideAttribution(ctx: ServiceContext, input: OverrideAttributionInput): Promise<StoredAttribution> {
  const { orgId, ...override } = parseServiceInput(OverrideAttributionInputSchema, input, "attribution override");
  requireOwnOpportunity(ctx, orgId, override.opportunityId);
  for (const credit of override.credits) requireOwnPartner(ctx, orgId, credit.partnerId);
  const now = readClock(ctx);
  await recordAttributionOverride(ctx.db, orgId, { ...override, at: now.toISOString() });
  await resolveOpenReviewItemsOfOpportunity(
    ctx.db,
    orgId,
    override.opportunityId,
    { status: "resolved", resolution: `overridden: ${override.reason}`, by: override.by },
    { now },
  );
  await recomputeAttribution(ctx, { orgId, now });
  return getAttribution(ctx.db, orgId, override.opportunityId);
}
