import { createMatchIndex } from "./match-index.ts";
import type { MatchOptions, MatchRecord, MatchResult } from "./types.ts";

/** Matches two account lists once (see createMatchIndex for incremental updates). */
export function matchAccounts(
  left: readonly MatchRecord[],
  right: readonly MatchRecord[],
  options: MatchOptions = {},
): MatchResult {
  return createMatchIndex(left, right, options).result();
}

/** The same overrides seen from the other side of a partnership: left and right swapped. */
export function mirrorOverrides(overrides: NonNullable<MatchOptions["overrides"]>): NonNullable<MatchOptions["overrides"]> {
  return overrides.map((o) => ({ decision: o.decision, left: o.right, right: o.left }));
}
