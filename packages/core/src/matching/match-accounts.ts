import { createMatchIndex } from "./match-index.ts";
import type { PreparedMatchSide } from "./prepare-side.ts";
import type { MatchOptions, MatchRecord, MatchResult } from "./types.ts";

/** Matches two account lists once (see createMatchIndex for incremental updates); either may be prepared. */
export function matchAccounts(
  left: readonly MatchRecord[] | PreparedMatchSide,
  right: readonly MatchRecord[] | PreparedMatchSide,
  options: MatchOptions = {},
): MatchResult {
  return createMatchIndex(left, right, options).result();
}

/** The same overrides seen from the other side of a partnership: left and right swapped. */
export function mirrorOverrides(overrides: NonNullable<MatchOptions["overrides"]>): NonNullable<MatchOptions["overrides"]> {
  return overrides.map((o) => ({ decision: o.decision, left: o.right, right: o.left }));
}
