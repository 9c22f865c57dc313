/**
 * `pnpm bench:match [sizes...]`: synthetic lists (30% overlap, noise, 5% duplicates), default 100k x 100k and
 * 1M x 1M. Prints: exact-domain hash join (the floor), full match (end to end from in-memory accounts),
 * peak RSS, and 1,000 changed accounts re-matched against the built index. Run with a large heap:
 * the package script passes --max-old-space-size.
 */
import { findDomainOverlaps } from "../src/mapping/domain-overlaps.ts";
import { createMatchIndex } from "../src/matching/match-index.ts";
import { generateLists } from "./synthetic-accounts.ts";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

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
  peak = Math.max(peak, process.memoryUsage().rss);

  const changed = left.slice(0, 1000).map((r, i) => ({ ...r, name: i % 2 ? `${r.name} Group` : r.name, id: r.id }));
  start = performance.now();
  const changes = index.update({ left: { upsert: changed } });
  const updateMs = performance.now() - start;

  console.log(
    `${size.toLocaleString("en-US")} x ${size.toLocaleString("en-US")}: domain hash join ${floorMs.toFixed(0)} ms (${floor} companies); ` +
      `match ${(total / 1000).toFixed(1)} s (index ${(built / 1000).toFixed(1)} s), ${result.summary.overlappingCompanies} overlapping companies ` +
      `(${overlap} generated), ${result.pairs.length} pairs, ${result.review.length} review; peak RSS ${mb(peak)}; ` +
      `1,000 changed accounts re-matched in ${updateMs.toFixed(0)} ms (+${changes.added.length}/-${changes.removed.length} pairs)`,
  );
}
clearInterval(sample);
