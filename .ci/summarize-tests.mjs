// Sums vitest's per-package "Tests  N failed | N passed" lines from a turbo log into one closing line.
import { readFileSync } from "node:fs";

const log = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
let skipped = 0;
let packages = 0;
for (const line of log.split("\n")) {
  const match = line.match(/\bTests\s+(.*)\(\d+\)\s*$/);
  if (!match) continue;
  packages += 1;
  for (const [, n, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    if (kind === "passed") passed += Number(n);
    else if (kind === "failed") failed += Number(n);
    else skipped += Number(n);
  }
}
console.log(`\nvitest totals over ${packages} packages:`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || packages === 0 ? 1 : 0);
