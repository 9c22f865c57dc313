import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { constants, PerformanceObserver } from "node:perf_hooks";
import type { NodeGCPerformanceDetail, PerformanceEntry } from "node:perf_hooks";

/** Which rounds to profile: the last one, or every one with MUTUAL_BENCH_PROFILE_ROUNDS=all (each to its own file). */
export function profiledRound(round: number, rounds: number): { profile: boolean; round?: number } {
  if (process.env.MUTUAL_BENCH_PROFILE_ROUNDS === "all") return { profile: true, round: round + 1 };
  return { profile: round === rounds - 1 };
}

/** Garbage-collection pauses of the main thread while `fn` runs: total and mark-compact (major) ms. */
export async function withGcPauses<T>(fn: () => Promise<T>): Promise<{ result: T; gcMs: number; majorGcMs: number }> {
  let gcMs = 0;
  let majorGcMs = 0;
  const add = (entries: readonly PerformanceEntry[]) => {
    for (const entry of entries) {
      gcMs += entry.duration;
      const detail = (entry as PerformanceEntry & { detail?: NodeGCPerformanceDetail }).detail;
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcMs += entry.duration;
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  try {
    const result = await fn();
    // GC entries are queued from the event loop: give it a turn, then take what was not delivered yet.
    await new Promise((resolve) => setTimeout(resolve, 10));
    add(observer.takeRecords());
    return { result, gcMs, majorGcMs };
  } finally {
    observer.disconnect();
  }
}

/**
 * Runs `fn`; when MUTUAL_BENCH_CPU_PROFILE=FILE is set, writes a CPU profile of just that call there (open it
 * in Chrome DevTools), or to FILE.<round> when a round is given. For benchmarks that measure one step after a
 * long setup.
 */
export async function withCpuProfile<T>(fn: () => Promise<T>, round?: number): Promise<T> {
  const base = process.env.MUTUAL_BENCH_CPU_PROFILE;
  if (!base) return fn();
  const file = round === undefined ? base : `${base}.${round}`;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
