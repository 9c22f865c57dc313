/**
 * Benchmark: stream-import a generated account CSV (default 1,000,000 rows) and print rows/s and peak RSS.
 * Usage: pnpm bench:csv [-- --rows N]
 */
import { createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { importAccountsCsv } from "../src/index.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const rows = Number(values.rows);
const dir = join(tmpdir(), "mutual-bench-csv");
mkdirSync(dir, { recursive: true });
const file = join(dir, `accounts-${rows}.csv`);

async function generate(): Promise<void> {
  const out = createWriteStream(file);
  out.write("\uFEFFid,name,website,country,state,city,phone,parent_id,status,owner_email,icp_score,tier,Industry\n");
  const statuses = ["customer", "opportunity", "prospect", ""];
  for (let i = 0; i < rows; i++) {
    const name = i % 50 === 0 ? `"Company ${i}, Holdings\nDivision"` : `Company ${i} Inc.`;
    const line =
      `acc-${i},${name},https://www.company${i}.com/about,US,IL,Chicago,+1 312 555 ${String(i % 10000).padStart(4, "0")},` +
      `${i % 10 === 0 ? `acc-${i - 1}` : ""},${statuses[i % 4]},owner${i % 300}@example.com,${i % 101},Gold,Software\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

const startGen = performance.now();
await generate();
const bytes = statSync(file).size;
console.log(`generated ${rows.toLocaleString("en-US")} rows (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - startGen) / 1000).toFixed(1)} s`);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
let imported = 0;
const start = performance.now();
const report = await importAccountsCsv(file, () => {
  imported += 1;
});
const seconds = (performance.now() - start) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

console.log(`imported ${report.imported.toLocaleString("en-US")} of ${report.rowsRead.toLocaleString("en-US")} rows in ${seconds.toFixed(2)} s`);
console.log(`throughput: ${Math.round(imported / seconds).toLocaleString("en-US")} rows/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`);
console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB (file ${(bytes / 1024 / 1024).toFixed(0)} MiB)`);
rmSync(file);
