/**
 * Overlap recompute benchmark: one org with `--mine` accounts against `--partners` partner orgs of
 * `--partner-size` accounts each (30% of each partner list are companies of the org), then an
 * incremental recompute after `--changed` of the org's accounts changed (half renamed to other
 * companies, half given a new city). Prints figures; see docs/benchmarks.md.
 *
 *   pnpm --filter @mutual/services bench:overlaps -- --mine 1000000 --partners 50 --partner-size 100000
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Account } from "@mutual/core";
import { changePartnershipStatus, createPartnership, listAccounts, openDatabase, upsertAccounts } from "@mutual/db";
import { createOrganizationWithAdmin, createOverlapMatchSpace, recomputeOverlaps } from "../src/index.ts";
import type { ServiceContext } from "../src/index.ts";

const { values } = parseArgs({
  // pnpm forwards the "--" separator; drop it.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    mine: { type: "string", default: "1000000" },
    partners: { type: "string", default: "50" },
    "partner-size": { type: "string", default: "100000" },
    changed: { type: "string", default: "1000" },
  },
});
const MINE = Number(values.mine);
const PARTNERS = Number(values.partners);
const PARTNER_SIZE = Number(values["partner-size"]);
const CHANGED = Number(values.changed);
const OVERLAP_SHARE = 0.3;

// Deterministic pseudo-random numbers (mulberry32), so every run maps the same lists.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ro", "ta", "vu", "zen", "qui", "dor", "pha", "lux", "bri", "sto", "gra", "tel"];
function companyName(n: number): string {
  let word = "";
  for (let k = n + 7919; k > 0; k = Math.floor(k / SYLLABLES.length)) word += SYLLABLES[k % SYLLABLES.length];
  return `${word[0]!.toUpperCase()}${word.slice(1)} ${["Systems", "Labs", "Group", "Partners", "Industries"][n % 5]}`;
}
function companyAccount(id: string, n: number): Account {
  return { id, name: companyName(n), website: `https://www.${companyName(n).toLowerCase().replace(/[^a-z]/g, "")}${n}.com`, country: "US" };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "mutual-bench-overlaps-"));
  const handle = openDatabase({ file: join(dir, "bench.sqlite") });
  const ctx: ServiceContext = { db: handle.db, matchSpace: createOverlapMatchSpace() };
  try {
    console.log(`overlaps: ${MINE} accounts vs ${PARTNERS} partners x ${PARTNER_SIZE}, ${CHANGED} changed`);
    let started = performance.now();
    const mine = await createOrganizationWithAdmin(ctx, { name: "Mine", admin: { email: "admin@mine.test" } });
    for (let start = 0; start < MINE; start += 50_000) {
      const batch = Array.from({ length: Math.min(50_000, MINE - start) }, (_, i) => companyAccount(`m${start + i}`, start + i));
      await upsertAccounts(handle.db, mine.organization.id, "csv", batch);
    }
    for (let p = 0; p < PARTNERS; p += 1) {
      const org = await createOrganizationWithAdmin(ctx, { name: `Partner ${p}`, admin: { email: `admin@partner${p}.test` } });
      const list = Array.from({ length: PARTNER_SIZE }, (_, i) =>
        random() < OVERLAP_SHARE ? companyAccount(`p${p}-${i}`, Math.floor(random() * MINE)) : companyAccount(`p${p}-${i}`, MINE + p * PARTNER_SIZE + i),
      );
      // Two records of one company in a list would share an id only by accident: keep the first.
      await upsertAccounts(handle.db, org.organization.id, "csv", [...new Map(list.map((a) => [a.website, a])).values()]);
      const partnership = await createPartnership(handle.db, { inviterOrgId: mine.organization.id, inviteeOrgId: org.organization.id });
      await changePartnershipStatus(handle.db, partnership.id, "active");
    }
    console.log(`seeded in ${seconds(performance.now() - started)} (not counted)`);

    started = performance.now();
    const full = await recomputeOverlaps(ctx, { orgId: mine.organization.id });
    const fullMs = performance.now() - started;
    const pairs = full.reduce((sum, scope) => sum + scope.pairs, 0);
    console.log(`full recompute: ${seconds(fullMs)}, ${pairs} overlap pairs over ${full.length} partnerships, RSS ${mb(process.memoryUsage().rss)}`);

    // Change accounts spread over the list: half become other companies, half get a new city.
    const rows = await listAccounts(handle.db, mine.organization.id, { limit: MINE });
    const step = Math.max(1, Math.floor(rows.length / CHANGED));
    const picked = rows.filter((_, i) => i % step === 0).slice(0, CHANGED);
    const changes = picked.map((row, i) =>
      i % 2 === 0 ? companyAccount(row.sourceId, MINE * 10 + i) : { ...companyAccount(row.sourceId, Number(row.sourceId.slice(1))), city: "Springfield" },
    );
    await upsertAccounts(handle.db, mine.organization.id, "csv", changes);

    started = performance.now();
    const incremental = await recomputeOverlaps(ctx, { orgId: mine.organization.id, changedAccountIds: picked.map((row) => row.id) });
    const incrementalMs = performance.now() - started;
    console.log(
      `incremental recompute (${picked.length} changed): ${seconds(incrementalMs)} (${incremental.filter((s) => s.mode === "incremental").length} scopes incremental), RSS ${mb(process.memoryUsage().rss)}`,
    );
    console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
