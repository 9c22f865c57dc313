import { createMatchSpace, type MatchSideUpdate } from "./match-space.ts";
import type { PreparedMatchSide } from "./prepare-side.ts";
import type { MatchChanges, MatchOptions, MatchRecord, MatchResult } from "./types.ts";

export type { MatchSideUpdate } from "./match-space.ts";

export interface MatchIndex {
  /** The current match set. */
  result(): MatchResult;
  /**
   * Applies added, changed and deleted records and re-matches only what they touch: the result is the same
   * as matching the final lists from scratch.
   */
  update(changes: { left?: MatchSideUpdate; right?: MatchSideUpdate }): MatchChanges;
}

const SCOPE = "match";

/**
 * Builds the index of both lists and computes the match set once: a match space of two lists and one scope
 * (see createMatchSpace for one list matched against many). Either list may be a prepared side.
 */
export function createMatchIndex(
  left: readonly MatchRecord[] | PreparedMatchSide,
  right: readonly MatchRecord[] | PreparedMatchSide,
  options: MatchOptions = {},
): MatchIndex {
  const { overrides, ...spaceOptions } = options;
  const space = createMatchSpace(spaceOptions);
  space.addList("left", left);
  space.addList("right", right);
  space.setScope(SCOPE, { left: "left", right: "right", overrides });
  return {
    result: () => space.result(SCOPE),
    update: (changes) => {
      const lists: Record<string, MatchSideUpdate> = {};
      if (changes.left) lists.left = changes.left;
      if (changes.right) lists.right = changes.right;
      return space.update(lists).get(SCOPE) ?? { added: [], removed: [] };
    },
  };
}
