import { createMatchSpace, type MatchSpace } from "@mutual/core";
import type { AccountOwner } from "../internal/load-accounts.ts";

/**
 * Account lists and overlap scopes kept in memory between recomputes by a long-lived process such as the
 * sync worker: each list (an org's accounts, an offline partner's list) is indexed once however many
 * partnerships it is in, so a recompute for a few changed accounts re-matches only those in every scope.
 * Holds every list it has seen (about 1.5 KB per account): size the process for the orgs it maps.
 */
export type OverlapMatchSpace = MatchSpace;

export function createOverlapMatchSpace(): OverlapMatchSpace {
  return createMatchSpace();
}

/** The key of an overlap scope in the match space: `partnership:<id>` or `offline:<id>`. */
export function overlapScopeKey(scope: { partnershipId: string } | { offlinePartnerId: string }): string {
  return "partnershipId" in scope ? `partnership:${scope.partnershipId}` : `offline:${scope.offlinePartnerId}`;
}

/** The key of an owner's account list in the match space. */
export function accountListKey(owner: AccountOwner): string {
  return owner.offlinePartnerId === undefined ? `org:${owner.orgId}` : `offline:${owner.orgId}:${owner.offlinePartnerId}`;
}
