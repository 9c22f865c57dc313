// Sums the per-package vitest results of a turbo log into one closing "N passed, N failed" line. A package whose
// test file crashed before running tests, or whose typecheck failed (so its tests never ran), counts as failed too.
import { readFileSync } from "node:fs";

const log = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
const perPackage = new Map(); // package -> { passed, failed, skipped, failedFiles }
const stats = (pkg) => {
  if (!perPackage.has(pkg)) perPackage.set(pkg, { passed: 0, failed: 0, skipped: 0, failedFiles: 0 });
  return perPackage.get(pkg);
};
for (const line of log.split("\n")) {
  const prefix = line.match(/^(@[\w-]+\/[\w-]+):test: /);
  if (!prefix) continue;
  const pkg = prefix[1];
  const files = line.match(/\bTest Files\s+(.*)\(\d+\)\s*$/);
  if (files) stats(pkg).failedFiles += Number(files[1].match(/(\d+) failed/)?.[1] ?? 0);
  const tests = line.match(/\bTests\s+(.*)\(\d+\)\s*$/);
  if (!tests) continue;
  for (const [, n, kind] of tests[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    const s = stats(pkg);
    if (kind === "passed") s.passed += Number(n);
    else if (kind === "failed") s.failed += Number(n);
    else s.skipped += Number(n);
  }
}
const failedTasks = (log.match(/^\s*Failed:\s+(.*)$/m)?.[1] ?? "").split(",").map((t) => t.trim()).filter(Boolean);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const s of perPackage.values()) {
  passed += s.passed;
  skipped += s.skipped;
  failed += s.failed > 0 ? s.failed : s.failedFiles;
}
for (const task of failedTasks) {
  const pkg = task.split("#")[0];
  const s = perPackage.get(pkg);
  if (!s || (s.failed === 0 && s.failedFiles === 0)) failed += 1;
}
// Nothing ran: the boundary check stopped the run before any test (its errors are above).
if (perPackage.size === 0) failed += 1;
console.log(`\nvitest totals over ${perPackage.size} packages${failedTasks.length ? `; failed tasks: ${failedTasks.join(", ")}` : ""}:`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || perPackage.size === 0 ? 1 : 0);
