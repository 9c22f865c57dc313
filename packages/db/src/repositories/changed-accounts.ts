import { and, eq, gte, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../database.ts";
import { accounts } from "../schema/accounts.ts";
import { opportunities } from "../schema/opportunities.ts";

/**
 * Ids (ours) of an org's own accounts written since `since` (created, updated, revived or soft-deleted),
 * plus the accounts of opportunities written since then (their populations may have moved). Uses the
 * rows' `updatedAt`, which every upsert and soft delete sets, so the answer survives a crash of the
 * process that wrote them.
 */
export async function listAccountsChangedSince(db: Db, orgId: string, since: Date): Promise<string[]> {
  const from = since.toISOString();
  const changed = db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), isNull(accounts.offlinePartnerId), gte(accounts.updatedAt, from)))
    .all()
    .map((row) => row.id);
  const viaOpportunities = db
    .select({ id: opportunities.accountId })
    .from(opportunities)
    .where(and(eq(opportunities.orgId, orgId), isNotNull(opportunities.accountId), gte(opportunities.updatedAt, from)))
    .all()
    .map((row) => row.id!);
  return [...new Set([...changed, ...viaOpportunities])].sort();
}
