import { AppError } from "@mutual/core";
import { RecordEngagementInputSchema, recordEngagement as storeEngagement } from "@mutual/db";
import type { StoredEngagement } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { requireOwnAccount, requireOwnOpportunity, requireOwnPartner } from "./require-org-records.ts";

export const RecordEngagementServiceInputSchema = RecordEngagementInputSchema.extend({ orgId: z.string().min(1) });
export type RecordEngagementServiceInput = z.input<typeof RecordEngagementServiceInputSchema>;

/** Records an engagement with a partner about one of the org's accounts (and optionally one deal). */
export async function recordEngagement(ctx: ServiceContext, input: RecordEngagementServiceInput): Promise<StoredEngagement> {
  const { orgId, ...engagement } = parseServiceInput(RecordEngagementServiceInputSchema, input, "engagement");
  requireOwnPartner(ctx, orgId, engagement.partnerId);
  requireOwnAccount(ctx, orgId, engagement.accountId);
  if (engagement.opportunityId !== undefined) {
    const { accountId } = requireOwnOpportunity(ctx, orgId, engagement.opportunityId);
    if (accountId !== engagement.accountId) {
      throw new AppError("invalid_input", `opportunity ${engagement.opportunityId} is not on account ${engagement.accountId}`);
    }
  }
  return storeEngagement(ctx.db, orgId, engagement, { now: readClock(ctx) });
}
