import { createMatchSpace, type MatchProgress, type MatchSpace } from "@mutual/core";
import { accountListVersionKey } from "@mutual/db";
import type { AccountOwner } from "../internal/load-accounts.ts";

/**
 * Account lists and overlap scopes kept in memory between recomputes by a long-lived process such as the
 * sync worker: each list (an org's accounts, an offline partner's list) is indexed once however many
 * partnerships it is in, so a recompute for a few changed accounts re-matches only those in every scope.
 * Holds every list it has seen (about 1.5 KB per account): size the process for the orgs it maps.
 */
export interface OverlapMatchSpace {
  readonly space: MatchSpace;
  /**
   * The database version (account_list_versions) each held list was loaded or last updated at: a list
   * changed by another process since is reloaded before it is matched again.
   */
  readonly versions: Map<string, number>;
}

/** `onProgress` hears the steps of bulk matching (a new list, a new scope), which run for tens of seconds at a million accounts. */
export function createOverlapMatchSpace(options: { onProgress?: (progress: MatchProgress) => void } = {}): OverlapMatchSpace {
  return { space: createMatchSpace({ onProgress: options.onProgress }), versions: new Map() };
}

/** The key of an overlap scope in the match space: `partnership:<id>` or `offline:<id>`. */
export function overlapScopeKey(scope: { partnershipId: string } | { offlinePartnerId: string }): string {
  return "partnershipId" in scope ? `partnership:${scope.partnershipId}` : `offline:${scope.offlinePartnerId}`;
}

/** The key of an owner's account list in the match space (the same as its version's key). */
export function accountListKey(owner: AccountOwner): string {
  return accountListVersionKey(owner);
}
