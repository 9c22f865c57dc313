/**
 * Overlap recompute benchmark: one org with `--mine` accounts against `--partners` partner orgs of
 * `--partner-size` accounts each (30% of each partner list are companies of the org), then an
 * incremental recompute after `--changed` of the org's accounts changed (half renamed to other
 * companies, half given a new city). Prints figures; see docs/benchmarks.md.
 *
 *   pnpm --filter @mutual/services bench:overlaps -- --mine 1000000 --partners 50 --partner-size 100000
 *
 * The incremental runs in rounds (three by default, MUTUAL_BENCH_ROUNDS) of other accounts, one after the other. MUTUAL_BENCH_DB=FILE keeps
 * the database there: a missing FILE is seeded, an existing one (seeded by this script with the same sizes)
 * is reused (seeding 6M accounts takes ~12 minutes). MUTUAL_BENCH_CPU_PROFILE=FILE writes a CPU profile of
 * the last incremental round.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Account } from "@mutual/core";
import { changePartnershipStatus, createPartnership, listAccounts, listOrganizations, mapRowToAccount, openDatabase, upsertAccounts } from "@mutual/db";
import { createOrganizationWithAdmin, createOverlapMatchSpace, recomputeOverlaps } from "../src/index.ts";
import type { ServiceContext } from "../src/index.ts";
import { profiledRound, withCpuProfile, withGcPauses } from "./cpu-profile.ts";

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
// MUTUAL_BENCH_ROUNDS: how many incremental rounds (default 3).
const ROUNDS = Number(process.env.MUTUAL_BENCH_ROUNDS ?? 3);
// MUTUAL_BENCH_IDLE_MS: idle time between rounds (default 0: back to back).
const IDLE_MS = Number(process.env.MUTUAL_BENCH_IDLE_MS ?? 0);
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

async function seedDatabase(ctx: ServiceContext): Promise<string> {
  const mine = await createOrganizationWithAdmin(ctx, { name: "Mine", admin: { email: "admin@mine.test" } });
  for (let start = 0; start < MINE; start += 50_000) {
    const batch = Array.from({ length: Math.min(50_000, MINE - start) }, (_, i) => companyAccount(`m${start + i}`, start + i));
    await upsertAccounts(ctx.db, mine.organization.id, "csv", batch);
  }
  for (let p = 0; p < PARTNERS; p += 1) {
    const org = await createOrganizationWithAdmin(ctx, { name: `Partner ${p}`, admin: { email: `admin@partner${p}.test` } });
    const list = Array.from({ length: PARTNER_SIZE }, (_, i) =>
      random() < OVERLAP_SHARE ? companyAccount(`p${p}-${i}`, Math.floor(random() * MINE)) : companyAccount(`p${p}-${i}`, MINE + p * PARTNER_SIZE + i),
    );
    // Two records of one company in a list would share an id only by accident: keep the first.
    await upsertAccounts(ctx.db, org.organization.id, "csv", [...new Map(list.map((a) => [a.website, a])).values()]);
    const partnership = await createPartnership(ctx.db, { inviterOrgId: mine.organization.id, inviteeOrgId: org.organization.id });
    await changePartnershipStatus(ctx.db, partnership.id, "active");
  }
  return mine.organization.id;
}

async function main(): Promise<void> {
  const kept = process.env.MUTUAL_BENCH_DB;
  const reused = kept !== undefined && existsSync(kept);
  const dir = mkdtempSync(join(tmpdir(), "mutual-bench-overlaps-"));
  // As the sync worker (the process that keeps a match space, so recomputes incrementally) opens it: the
  // write-ahead log is copied into the database between passes, not inside a recompute's commit.
  const handle = openDatabase({ file: kept ?? join(dir, "bench.sqlite"), autoCheckpoint: false });
  const ctx: ServiceContext = { db: handle.db, matchSpace: createOverlapMatchSpace() };
  try {
    console.log(`overlaps: ${MINE} accounts vs ${PARTNERS} partners x ${PARTNER_SIZE}, ${CHANGED} changed${reused ? `, reusing ${kept}` : ""}`);
    let started = performance.now();
    const mineId = reused ? (await listOrganizations(handle.db)).find((org) => org.name === "Mine")!.id : await seedDatabase(ctx);
    if (!reused) console.log(`seeded in ${seconds(performance.now() - started)} (not counted)`);

    started = performance.now();
    const full = await recomputeOverlaps(ctx, { orgId: mineId });
    handle.checkpoint();
    const fullMs = performance.now() - started;
    const pairs = full.reduce((sum, scope) => sum + scope.pairs, 0);
    console.log(
      `full recompute${reused ? " (stored overlaps of an earlier run: unchanged rows are not rewritten)" : ""}: ${seconds(fullMs)}, ${pairs} overlap pairs over ${full.length} partnerships, RSS ${mb(process.memoryUsage().rss)}`,
    );

    // Change accounts spread over the list: half become other companies, half get a new city; rounds
    // of other accounts (and, for a reused database, other ones than earlier runs').
    const listed = await listAccounts(handle.db, mineId, { limit: MINE });
    const step = Math.max(1, Math.floor(listed.length / CHANGED));
    const offset = reused ? Math.floor(Date.now() / 1000) % Math.max(1, step - ROUNDS) : 0;
    const tag = reused ? Date.now().toString(36) : "";
    // Only the rows the rounds change are kept: listing a million rows is the script's doing, not the
    // recompute's, and its garbage should not be collected during a round.
    const rows = listed.map((row, i) => (i % step >= offset && i % step < offset + ROUNDS ? row : undefined));
    listed.length = 0;
    if (IDLE_MS > 0) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    // With node --expose-gc: a full collection before each round, as a worker could run between passes.
    const fullGc = (globalThis as { gc?: () => void }).gc;
    for (let round = 0; round < ROUNDS; round += 1) {
      if (fullGc) {
        const start = performance.now();
        fullGc();
        console.log(`  full GC between rounds (--expose-gc; not part of the recompute): ${seconds(performance.now() - start)}`);
      }
      const picked = rows.filter((row, i) => row !== undefined && i % step === (offset + round) % step).slice(0, CHANGED) as typeof listed;
      // From the stored rows, so any database this script (or the sync bench) seeded works.
      const changes = picked.map((row, i) =>
        i % 2 === 0
          ? { ...companyAccount(row.sourceId, MINE * 10 + i), name: `${companyName(MINE * 10 + i)} ${tag}r${round}` }
          : { ...mapRowToAccount(row), city: `Springfield ${tag}r${round}` },
      );
      await upsertAccounts(handle.db, mineId, picked[0]!.source, changes);
      // Timed inside the profiler and GC observer (starting and stopping a profile of a multi-GB heap takes seconds).
      let incrementalMs = 0;
      const recompute = async () => {
        const start = performance.now();
        const result = await recomputeOverlaps(ctx, { orgId: mineId, changedAccountIds: picked.map((row) => row.id) });
        incrementalMs = performance.now() - start;
        return result;
      };
      const profiling = profiledRound(round, ROUNDS);
      const { result: incremental, gcMs, majorGcMs } = await withGcPauses(() => (profiling.profile ? withCpuProfile(recompute, profiling.round) : recompute()));
      const counts = incremental.flatMap((scope) => scope.changes);
      const sum = (key: "created" | "removed" | "populationChanged") => counts.reduce((total, c) => total + c[key], 0);
      console.log(
        `incremental recompute round ${round + 1} of ${ROUNDS} (${picked.length} changed): ${seconds(incrementalMs)} ` +
          `(${incremental.filter((s) => s.mode === "incremental").length} scopes incremental; overlaps +${sum("created")} -${sum("removed")} ` +
          `~${sum("populationChanged")}), GC pauses ${gcMs.toFixed(0)} ms (mark-compact ${majorGcMs.toFixed(0)} ms), RSS ${mb(process.memoryUsage().rss)}`,
      );
      started = performance.now();
      const { walPages } = handle.checkpoint();
      console.log(`  checkpoint between passes (not part of the recompute): ${seconds(performance.now() - started)}, ${walPages} pages of 4 KiB`);
      // A worker's passes come minutes apart; MUTUAL_BENCH_IDLE_MS leaves the process idle between rounds.
      if (IDLE_MS > 0) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    }
    console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
