import type { AttributionOpportunity, Partner } from "@mutual/core";
import { opportunities } from "@mutual/db";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { ServiceContext } from "../context.ts";

/**
 * The partner a CRM partner field names: our partner id, the partner org's id, or the partner's name
 * (case-insensitive). Unresolved values are kept as written, so attribution flags them for review.
 */
export function resolvePartnerField(value: string, partners: readonly Partner[]): string {
  const wanted = value.trim().toLowerCase();
  const found =
    partners.find((p) => p.id === value) ??
    partners.find((p) => p.kind === "org" && p.partnerOrgId === value) ??
    partners.find((p) => p.name.trim().toLowerCase() === wanted);
  return found?.id ?? value;
}

/** The org's live opportunities linked to one of its accounts, with OUR ids and the partner field resolved. */
export function loadOwnOpportunities(ctx: ServiceContext, orgId: string, partners: readonly Partner[]): AttributionOpportunity[] {
  const rows = ctx.db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.orgId, orgId), isNull(opportunities.deletedAt), isNotNull(opportunities.accountId)))
    .all();
  return rows.map((row) => ({
    id: row.id,
    accountId: row.accountId!,
    name: row.name,
    stage: row.stage,
    isClosed: row.isClosed,
    isWon: row.isWon,
    ...(row.amount !== null && { amount: row.amount }),
    ...(row.currency !== null && { currency: row.currency }),
    ...(row.sourceCreatedAt !== null && { createdAt: row.sourceCreatedAt }),
    ...(row.closeDate !== null && { closeDate: row.closeDate }),
    ...(row.ownerEmail !== null && { ownerEmail: row.ownerEmail }),
    ...(row.partnerId !== null && { partnerId: resolvePartnerField(row.partnerId, partners) }),
    ...(row.leadSource !== null && { leadSource: row.leadSource }),
  }));
}
