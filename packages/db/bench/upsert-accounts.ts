// Bulk upsert benchmark: `pnpm --filter @mutual/db bench:db [count]` (default 200000 accounts).
// Prints rows/second for a first import, an unchanged re-import and a 10% edit, on a file database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Account } from "@mutual/core";
import { createOrganization, openDatabase, upsertAccounts } from "../src/index.ts";

const count = Number(process.argv[2] ?? 200_000);
const statuses = ["customer", "opportunity", "prospect"] as const;

function makeAccount(i: number, suffix = ""): Account {
  return {
    id: `001${String(i).padStart(12, "0")}`,
    name: `Company ${i}${suffix}`,
    website: `https://www.company-${i}.com`,
    country: "US",
    city: "Springfield",
    status: statuses[i % 3],
    ownerEmail: `rep${i % 50}@example.com`,
    icpScore: i % 101,
    custom: { segment: i % 2 === 0 ? "smb" : "enterprise" },
  };
}

const dir = mkdtempSync(join(tmpdir(), "mutual-bench-db-"));
const handle = openDatabase({ file: join(dir, "bench.sqlite") });
try {
  await createOrganization(handle.db, { id: "bench", name: "Bench" });
  const accounts = Array.from({ length: count }, (_, i) => makeAccount(i));
  const edited = accounts.map((account, i) => (i % 10 === 0 ? makeAccount(i, " (edited)") : account));

  for (const [label, input] of [
    ["insert", accounts],
    ["unchanged", accounts],
    ["10% edited", edited],
  ] as const) {
    const started = performance.now();
    const counts = await upsertAccounts(handle.db, "bench", "csv", input);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${label.padEnd(11)} ${count} accounts in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} rows/s`,
      JSON.stringify(counts),
    );
  }
} finally {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
}
