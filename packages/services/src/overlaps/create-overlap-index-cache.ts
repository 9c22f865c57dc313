import type { MatchIndex } from "@mutual/core";

/** A match index of one overlap scope; `leftOrgId` is the org whose accounts are the left list. */
export interface CachedMatchIndex {
  index: MatchIndex;
  leftOrgId: string;
}

/**
 * Match indexes by scope (`partnership:<id>`, `offline:<id>`), kept by a long-lived process such as
 * the sync worker. Each index holds both lists in memory (about 5 KB per record), so size the
 * process for the lists it maps; without a cache every recompute matches whole lists.
 */
export type OverlapIndexCache = Map<string, CachedMatchIndex>;

export function createOverlapIndexCache(): OverlapIndexCache {
  return new Map();
}

export function overlapIndexKey(scope: { partnershipId: string } | { offlinePartnerId: string }): string {
  return "partnershipId" in scope ? `partnership:${scope.partnershipId}` : `offline:${scope.offlinePartnerId}`;
}
