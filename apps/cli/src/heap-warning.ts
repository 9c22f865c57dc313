import { getHeapStatistics } from "node:v8";
import type { CommandContext } from "./commands/types.ts";

/**
 * Heap matching needs per account of both lists together, the parsed files included, and a base. Measured:
 * `mutual match` on two 1M-row files peaks at 3.2 GB RSS (docs/benchmarks.md, "Matching").
 */
const HEAP_BYTES_PER_ACCOUNT = 1_500;
const HEAP_BASE_BYTES = 256 * 1024 * 1024;
const MB = 1024 * 1024;

/**
 * Warns on stderr, before matching, when the lists look too large for the heap limit: Node would otherwise
 * stop with "JavaScript heap out of memory" a minute into the match. The match still runs.
 */
export function warnIfHeapTooSmall(ctx: CommandContext, command: string, accounts: number, heapLimitBytes = getHeapStatistics().heap_size_limit): void {
  const needed = HEAP_BASE_BYTES + accounts * HEAP_BYTES_PER_ACCOUNT;
  if (needed <= heapLimitBytes) return;
  const neededMb = Math.ceil(needed / MB);
  ctx.stderr.write(
    `mutual ${command}: matching ${accounts.toLocaleString("en-US")} accounts needs about ${neededMb.toLocaleString("en-US")} MB of heap, ` +
      `the limit is ${Math.floor(heapLimitBytes / MB).toLocaleString("en-US")} MB; if it runs out of memory, run it with ` +
      `NODE_OPTIONS=--max-old-space-size=${Math.ceil(neededMb / 1024) * 1024}\n`,
  );
}
