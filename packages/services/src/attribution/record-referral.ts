import { RecordReferralInputSchema, recordReferral as storeReferral } from "@mutual/db";
import type { StoredReferral } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { requireOwnAccount, requireOwnPartner } from "./require-org-records.ts";

export const RecordReferralServiceInputSchema = RecordReferralInputSchema.extend({ orgId: z.string().min(1) });
export type RecordReferralServiceInput = z.input<typeof RecordReferralServiceInputSchema>;

/** Records a referral or introduction from a partner that the org accepted (it can source a deal). */
export async function recordReferral(ctx: ServiceContext, input: RecordReferralServiceInput): Promise<StoredReferral> {
  const { orgId, ...referral } = parseServiceInput(RecordReferralServiceInputSchema, input, "referral");
  requireOwnPartner(ctx, orgId, referral.partnerId);
  requireOwnAccount(ctx, orgId, referral.accountId);
  return storeReferral(ctx.db, orgId, referral, { now: readClock(ctx) });
}
