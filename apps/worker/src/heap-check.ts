import { getHeapStatistics } from "node:v8";
import { countAllAccounts } from "@mutual/db";
import type { Db } from "@mutual/db";
import type { Logger } from "./logger.ts";

/**
 * Heap the match space needs per account, a full recompute's transient data included, and a base for the
 * rest of the worker (measured at 6.1M accounts in `pnpm bench:sync`: docs/benchmarks.md, "Sync worker").
 */
const HEAP_BYTES_PER_ACCOUNT = 1_500;
const HEAP_BASE_BYTES = 256 * 1024 * 1024;
const MB = 1024 * 1024;

/** The heap a worker holding `accounts` accounts needs, when more than `heapLimitBytes` allows; else undefined. */
export function heapShortfall(accounts: number, heapLimitBytes: number): { neededMb: number; limitMb: number } | undefined {
  const needed = HEAP_BASE_BYTES + accounts * HEAP_BYTES_PER_ACCOUNT;
  if (needed <= heapLimitBytes) return undefined;
  return { neededMb: Math.ceil(needed / MB), limitMb: Math.floor(heapLimitBytes / MB) };
}

/**
 * Warns at start when the database holds more accounts than the heap limit can keep in the match space:
 * the worker would otherwise run out of memory in its first full recompute, hours into a sync. Every
 * account counts, soft-deleted ones too (an upper bound: the worker holds the live accounts of the orgs
 * it syncs and of their partners).
 */
export function warnIfHeapTooSmall(db: Db, logger: Logger, heapLimitBytes = getHeapStatistics().heap_size_limit): void {
  const accounts = countAllAccounts(db);
  const shortfall = heapShortfall(accounts, heapLimitBytes);
  if (!shortfall) return;
  logger.warn(
    { accounts, heapLimitMb: shortfall.limitMb, neededMb: shortfall.neededMb },
    `the match space of ${accounts} accounts needs about ${shortfall.neededMb} MB of heap, the limit is ${shortfall.limitMb} MB: ` +
      `start the worker with NODE_OPTIONS=--max-old-space-size=${Math.ceil(shortfall.neededMb / 1024) * 1024}`,
  );
}
