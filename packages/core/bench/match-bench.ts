/**
 * `pnpm bench:match [sizes...]`: synthetic lists (30% overlap, 5% in-list duplicates, URL/case/legal-form/typo/
 * free-mail/phone-format noise; see synthetic-accounts.ts), default 100k x 100k and 1M x 1M. For each size, in one
 * process and one run:
 * - floor: the bare exact-domain hash join (`findDomainOverlaps`: registrable domain of each record, one Map);
 * - full match, end to end from in-memory accounts: normalization, candidate generation, scoring, clustering and
 *   assignment (`createMatchIndex(...).result()`); generating the lists is not counted;
 * - 1,000 changed accounts (half renamed) re-matched against the built index (`index.update`), five batches in a
 *   row (the median is the figure: a batch that meets a major GC of the multi-GB heap takes longer), with the
 *   main thread's GC pauses during each;
 * - peak RSS of the process so far (the kernel's high-water mark, `process.resourceUsage().maxRSS`).
 * Run one size per process for a clean RSS figure. The package script passes --max-old-space-size and a larger
 * young generation (--max-semi-space-size=64: the build allocates many short-lived objects).
 */
import { PerformanceObserver } from "node:perf_hooks";
import type { PerformanceEntry } from "node:perf_hooks";
import { findDomainOverlaps } from "../src/mapping/domain-overlaps.ts";
import { createMatchIndex } from "../src/matching/match-index.ts";
import { generateLists } from "./synthetic-accounts.ts";

/** Main-thread GC pauses from now until `stop()` (entries arrive from the event loop, hence the wait). */
function observeGcPauses(): { stop(): Promise<number> } {
  let total = 0;
  const add = (entries: readonly PerformanceEntry[]) => {
    for (const entry of entries) total += entry.duration;
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 10));
      add(observer.takeRecords());
      observer.disconnect();
      return total;
    },
  };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const mb = (kilobytes: number) => `${Math.round(kilobytes / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

for (const size of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
  const { left, right, overlap } = generateLists(size);
  let start = performance.now();
  const floor = findDomainOverlaps(left, right).length;
  const floorMs = performance.now() - start;

  start = performance.now();
  const index = createMatchIndex(left, right);
  const built = performance.now() - start;
  const result = index.result();
  const total = performance.now() - start;

  // Five batches of 1,000 changed left accounts (half renamed), one after the other, as a sync worker would.
  const updates: number[] = [];
  const gcPauses: number[] = [];
  let changes = { added: 0, removed: 0 };
  for (const [batch, suffix] of ["Group", "Holdings", "International", "Partners", "Services"].entries()) {
    const changed = left.slice(batch * 1000, batch * 1000 + 1000).map((r, i) => ({ ...r, name: i % 2 ? `${r.name} ${suffix}` : r.name }));
    const gc = observeGcPauses();
    start = performance.now();
    const diff = index.update({ left: { upsert: changed } });
    updates.push(performance.now() - start);
    gcPauses.push(await gc.stop());
    changes = { added: changes.added + diff.added.length, removed: changes.removed + diff.removed.length };
  }
  const median = [...updates].sort((a, b) => a - b)[2]!;

  const n = size.toLocaleString("en-US");
  console.log(`${n} x ${n} (${overlap.toLocaleString("en-US")} companies generated in both lists)`);
  console.log(`  floor, exact-domain hash join: ${seconds(floorMs)} (${floor.toLocaleString("en-US")} companies)`);
  console.log(
    `  full match: ${seconds(total)} (index build ${seconds(built)}), ${result.summary.overlappingCompanies.toLocaleString("en-US")} ` +
      `overlapping companies, ${result.pairs.length.toLocaleString("en-US")} pairs, ${result.review.length.toLocaleString("en-US")} review`,
  );
  console.log(
    `  1,000 changed accounts re-matched: median ${median.toFixed(0)} ms of 5 batches (${updates.map((ms) => ms.toFixed(0)).join(", ")} ms; ` +
      `+${changes.added}/-${changes.removed} pairs in all; GC pauses ${gcPauses.map((ms) => ms.toFixed(0)).join(", ")} ms)`,
  );
  console.log(`  peak RSS so far: ${mb(process.resourceUsage().maxRSS)}`);
}
