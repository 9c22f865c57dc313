import { matchAccounts, type MatchRecord, type MatchResult } from "@mutual/core";
import type { CommandContext } from "./commands/types.ts";
import { createMatchProgress } from "./progress.ts";

/**
 * Matches two lists with the core engine, showing its steps on a progress line (a million accounts a side take
 * tens of seconds). `names` are the lists as the user gave them (file paths).
 */
export function matchWithProgress(
  ctx: CommandContext,
  left: readonly MatchRecord[],
  right: readonly MatchRecord[],
  names: { left: string; right: string },
): MatchResult {
  const progress = createMatchProgress(ctx, names);
  try {
    return matchAccounts(left, right, { onProgress: progress.onProgress });
  } finally {
    progress.done();
  }
}
