import { randomUUID } from "node:crypto";
import { EngagementSchema, ReferralSchema } from "@mutual/core";
import type { Engagement, Referral } from "@mutual/core";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { partnerEngagements, partnerReferrals } from "../schema/attribution.ts";

const extra = { id: z.string().min(1).optional(), note: z.string().trim().min(1).optional(), createdBy: z.string().min(1).optional() };
export const RecordEngagementInputSchema = EngagementSchema.extend(extra);
export type RecordEngagementInput = z.input<typeof RecordEngagementInputSchema>;
export const RecordReferralInputSchema = ReferralSchema.extend(extra);
export type RecordReferralInput = z.input<typeof RecordReferralInputSchema>;

export type StoredEngagement = Engagement & { note?: string; createdBy?: string; createdAt: string };
export type StoredReferral = Referral & { note?: string; createdBy?: string; createdAt: string };

/** Records an engagement (intro request, Slack action, note) of `orgId` with a partner about an account. */
export async function recordEngagement(
  db: Db,
  orgId: string,
  input: RecordEngagementInput,
  options: WriteOptions = {},
): Promise<StoredEngagement> {
  const parsed = parseInput(RecordEngagementInputSchema, input, "engagement");
  const row = {
    id: parsed.id ?? randomUUID(),
    orgId,
    partnerId: parsed.partnerId,
    accountId: parsed.accountId,
    opportunityId: parsed.opportunityId ?? null,
    kind: parsed.kind,
    at: parsed.at,
    note: parsed.note ?? null,
    createdBy: parsed.createdBy ?? null,
    createdAt: formatTimestamp(options),
  };
  await runWithConflictCheck(`engagement ${row.id} already exists`, () => db.insert(partnerEngagements).values(row));
  return mapEngagement(row);
}

function mapEngagement(row: typeof partnerEngagements.$inferSelect): StoredEngagement {
  return {
    id: row.id,
    partnerId: row.partnerId,
    accountId: row.accountId,
    ...(row.opportunityId !== null && { opportunityId: row.opportunityId }),
    kind: row.kind,
    at: row.at,
    ...(row.note !== null && { note: row.note }),
    ...(row.createdBy !== null && { createdBy: row.createdBy }),
    createdAt: row.createdAt,
  };
}

export async function listEngagements(db: Db, orgId: string): Promise<StoredEngagement[]> {
  const rows = await db
    .select()
    .from(partnerEngagements)
    .where(eq(partnerEngagements.orgId, orgId))
    .orderBy(asc(partnerEngagements.at), asc(partnerEngagements.id));
  return rows.map(mapEngagement);
}

/** Records a referral or introduction from a partner that `orgId` accepted. */
export async function recordReferral(
  db: Db,
  orgId: string,
  input: RecordReferralInput,
  options: WriteOptions = {},
): Promise<StoredReferral> {
  const parsed = parseInput(RecordReferralInputSchema, input, "referral");
  const row = {
    id: parsed.id ?? randomUUID(),
    orgId,
    partnerId: parsed.partnerId,
    accountId: parsed.accountId,
    kind: parsed.kind,
    acceptedAt: parsed.acceptedAt,
    note: parsed.note ?? null,
    createdBy: parsed.createdBy ?? null,
    createdAt: formatTimestamp(options),
  };
  await runWithConflictCheck(`referral ${row.id} already exists`, () => db.insert(partnerReferrals).values(row));
  return mapReferral(row);
}

function mapReferral(row: typeof partnerReferrals.$inferSelect): StoredReferral {
  return {
    id: row.id,
    partnerId: row.partnerId,
    accountId: row.accountId,
    kind: row.kind,
    acceptedAt: row.acceptedAt,
    ...(row.note !== null && { note: row.note }),
    ...(row.createdBy !== null && { createdBy: row.createdBy }),
    createdAt: row.createdAt,
  };
}

export async function listReferrals(db: Db, orgId: string): Promise<StoredReferral[]> {
  const rows = await db
    .select()
    .from(partnerReferrals)
    .where(eq(partnerReferrals.orgId, orgId))
    .orderBy(asc(partnerReferrals.acceptedAt), asc(partnerReferrals.id));
  return rows.map(mapReferral);
}
