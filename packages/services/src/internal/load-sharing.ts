import type { Partnership, SharingRule } from "@mutual/core";
import { overlaps, partnerships, populations, sharingRules } from "@mutual/db";
import type { Db } from "@mutual/db";
import { and, desc, eq, or } from "drizzle-orm";

/**
 * The partnership between two orgs that decides access: the one not ended if any (there is at most
 * one), else the latest ended one. Synchronous, for use inside a read path's transaction.
 */
export function findPartnershipBetween(db: Db, orgA: string, orgB: string): Partnership | undefined {
  const rows = db
    .select()
    .from(partnerships)
    .where(
      or(
        and(eq(partnerships.inviterOrgId, orgA), eq(partnerships.inviteeOrgId, orgB)),
        and(eq(partnerships.inviterOrgId, orgB), eq(partnerships.inviteeOrgId, orgA)),
      ),
    )
    .orderBy(desc(partnerships.createdAt), desc(partnerships.id))
    .all();
  const row = rows.find((candidate) => candidate.status !== "ended") ?? rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    inviterOrgId: row.inviterOrgId,
    inviteeOrgId: row.inviteeOrgId,
    status: row.status,
    createdAt: row.createdAt,
    ...(row.acceptedAt !== null && { acceptedAt: row.acceptedAt }),
    ...(row.endedAt !== null && { endedAt: row.endedAt }),
  };
}

/** Every sharing rule of the org (defaults and per-partner overrides), as decideVisibility reads them. */
export function loadSharingRules(db: Db, orgId: string): SharingRule[] {
  return db
    .select({ rule: sharingRules })
    .from(sharingRules)
    .innerJoin(populations, eq(populations.id, sharingRules.populationId))
    .where(eq(populations.orgId, orgId))
    .all()
    .map(({ rule }) => ({
      populationId: rule.populationId,
      level: rule.level,
      fieldAllowlist: rule.fieldAllowlist,
      ...(rule.partnerOrgId !== null && { partnerOrgId: rule.partnerOrgId }),
    }));
}

export type StoredScope = { orgId: string; partnershipId: string } | { orgId: string; offlinePartnerId: string };

/** Stored overlap pairs of one scope (mine = the scope's org), as matcher pairs (left = mine). */
export function loadOverlapPairs(db: Db, scope: StoredScope) {
  const condition =
    "partnershipId" in scope
      ? and(eq(overlaps.orgId, scope.orgId), eq(overlaps.partnershipId, scope.partnershipId))
      : and(eq(overlaps.orgId, scope.orgId), eq(overlaps.offlinePartnerId, scope.offlinePartnerId));
  return db
    .select({
      leftId: overlaps.mineAccountId,
      rightId: overlaps.partnerAccountId,
      relation: overlaps.relation,
      confidence: overlaps.confidence,
      evidence: overlaps.evidence,
    })
    .from(overlaps)
    .where(condition)
    .all();
}
