import { AppError } from "@mutual/core";
import { accounts, opportunities, partners } from "@mutual/db";
import { and, eq, isNull } from "drizzle-orm";
import type { ServiceContext } from "../context.ts";

// Records of another org answer not_found, exactly like missing ones: nothing leaks across orgs.

export function requireOwnPartner(ctx: ServiceContext, orgId: string, partnerId: string): void {
  const row = ctx.db.select({ id: partners.id }).from(partners).where(and(eq(partners.id, partnerId), eq(partners.ownerOrgId, orgId))).get();
  if (!row) throw new AppError("not_found", `partner ${partnerId} not found`);
}

export function requireOwnAccount(ctx: ServiceContext, orgId: string, accountId: string): void {
  const row = ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.orgId, orgId), isNull(accounts.offlinePartnerId), isNull(accounts.deletedAt)))
    .get();
  if (!row) throw new AppError("not_found", `account ${accountId} not found`);
}

/** The opportunity's account id (ours); not_found unless it is a live opportunity of the org. */
export function requireOwnOpportunity(ctx: ServiceContext, orgId: string, opportunityId: string): { accountId: string | null } {
  const row = ctx.db
    .select({ accountId: opportunities.accountId })
    .from(opportunities)
    .where(and(eq(opportunities.id, opportunityId), eq(opportunities.orgId, orgId), isNull(opportunities.deletedAt)))
    .get();
  if (!row) throw new AppError("not_found", `opportunity ${opportunityId} not found`);
  return row;
}
