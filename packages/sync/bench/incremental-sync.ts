// Sync worker benchmark: one org against P partner orgs, CRM I/O excluded. Measures the pipeline steps
// after the pull: upsert with change detection, re-match + overlaps (services' recomputeOverlaps with the
// worker's index cache) with announcing (outbox events + snapshot) inside the overlap write transactions,
// for a full first sync and an incremental sync where 1,000 of the org's accounts changed.
// Usage: pnpm bench:sync (or pnpm --filter @mutual/sync bench:sync) [accounts=20000] [partners=5] [partnerAccounts=2000]
// MUTUAL_BENCH_DB=FILE keeps the database there: a missing FILE is seeded, an existing one (seeded by this
// script with the same sizes) is reused (seeding 6M accounts takes ~12 minutes); a reused database's
// incremental renames other accounts than the earlier runs'.
// MUTUAL_BENCH_CPU_PROFILE=FILE writes a CPU profile of the measured incremental step (open it in Chrome DevTools).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Account } from "@mutual/core";
import {
  accounts,
  changePartnershipStatus,
  createOrganization,
  createPartnership,
  createStandardPopulations,
  dispatchDomainEvents,
  domainEvents,
  openDatabase,
  publishOverlapChanges,
  upsertAccounts,
  upsertSharingRule,
} from "@mutual/db";
import { createOverlapMatchSpace } from "@mutual/services";
import { profiledRound, withCpuProfile, withGcPauses } from "@mutual/services/bench/cpu-profile";
import { count, max } from "drizzle-orm";
import { loadOverlapVisibility } from "../src/pipeline/sharing-visibility.ts";
import { updateOverlapsAndPublish } from "../src/pipeline/update-overlaps.ts";

const [accountCount = 20_000, partnerCount = 5, partnerSize = 2_000] = process.argv.slice(2).map(Number);
const CHANGED = 1_000;
// MUTUAL_BENCH_ROUNDS: how many incremental rounds (default 3).
const ROUNDS = Number(process.env.MUTUAL_BENCH_ROUNDS ?? 3);
const IDLE_MS = Number(process.env.MUTUAL_BENCH_IDLE_MS ?? 0);
const kept = process.env.MUTUAL_BENCH_DB;
const reused = kept !== undefined && existsSync(kept) ? kept : undefined;
const dir = mkdtempSync(join(tmpdir(), "mutual-bench-sync-"));
// As the worker opens it: the write-ahead log is copied into the database between passes, not in a sync's commit.
const database = openDatabase({ file: kept ?? join(dir, "bench.sqlite"), autoCheckpoint: false });
const { db } = database;
// A reused database holds the earlier run's writes: this run's watermarks start after them.
let now = reused ? afterLatestWrite() : new Date("2026-11-20T10:00:00.000Z");
const clock = { now: () => now };
const STATUSES = ["customer", "opportunity", "prospect"] as const;

const company = (i: number): Account => ({ id: `m-${i}`, name: `Company ${i} Systems`, website: `https://company-${i}.com`, city: "Berlin", status: STATUSES[i % 3] });

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${label}: ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return result;
}

/** A reused database's clock starts after its latest account write (earlier runs' clocks ran ahead of real time). */
function afterLatestWrite(): Date {
  const latest = db.select({ at: max(accounts.updatedAt) }).from(accounts).get()?.at;
  return new Date(Math.max(Date.now(), latest ? Date.parse(latest) + 3_600_000 : 0));
}

if (reused) console.log(`reusing ${reused} (seeded earlier, not counted)`);
else await seed();

async function seed(): Promise<void> {
  await createOrganization(db, { id: "mine", name: "Mine" });
  for (const population of await createStandardPopulations(db, "mine")) {
    await upsertSharingRule(db, { populationId: population.id!, level: "overlaps", fieldAllowlist: [] });
  }
  await time(`seed ${accountCount} accounts of the org`, () => upsertAccounts(db, "mine", "salesforce", Array.from({ length: accountCount }, (_, i) => company(i)), { now }));
  await time(`seed ${partnerCount} partner orgs x ${partnerSize} accounts`, async () => {
    for (let p = 0; p < partnerCount; p += 1) {
      const orgId = `partner-${p}`;
      await createOrganization(db, { id: orgId, name: `Partner ${p}` });
      for (const population of await createStandardPopulations(db, orgId)) {
        await upsertSharingRule(db, { populationId: population.id!, level: "overlaps", fieldAllowlist: [] });
      }
      const partnership = await createPartnership(db, { inviterOrgId: "mine", inviteeOrgId: orgId });
      await changePartnershipStatus(db, partnership.id, "active");
      // 30% of each partner's list are companies of the org (spread over the org's list).
      const accounts = Array.from({ length: partnerSize }, (_, i): Account => {
        if (i % 10 < 3) {
          const mine = company((i * 7919 + p * 104_729) % accountCount);
          return { ...mine, id: `p${p}-${i}`, status: STATUSES[(i + p) % 3] };
        }
        return { id: `p${p}-${i}`, name: `Partner ${p} Client ${i}`, website: `https://p${p}-client-${i}.net`, status: "prospect" };
      });
      await upsertAccounts(db, orgId, "csv", accounts, { now });
    }
  });
}

const matchSpace = createOverlapMatchSpace();
const full = await time("full sync: match all + overlaps + announce", () => updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "mine", since: null }));
console.log(`  ${JSON.stringify(full)}`);
await time("checkpoint after the pass (the worker's, between passes)", async () => database.checkpoint());
await time("dispatch outbox (no subscriptions)", () => dispatchDomainEvents(db, { now, limit: 1_000_000 }));

// Incremental: 1,000 changed accounts (half renamed to other companies, half moved city), in rounds (three by default)
// of other accounts each, one after the other as the worker's passes would come.
const run = reused ? Date.now().toString(36) : "";
// A reused database: other accounts than earlier runs' (which are renamed already).
const offset = reused ? 1 + (Math.floor(Date.now() / 1000) % 9973) : 0;
const countEvents = () => db.select({ n: count() }).from(domainEvents).get()!.n;
// MUTUAL_BENCH_RENAME_WORD: the word renamed accounts share (default "Renamed"). MUTUAL_BENCH_PRELOAD=N first
// renames N other accounts with it (one pass, not measured): N just under a power of two makes round 1 the
// round where the word's inverse-frequency weight steps, and every record carrying it is re-scored.
const WORD = process.env.MUTUAL_BENCH_RENAME_WORD ?? "Renamed";
const PRELOAD = Number(process.env.MUTUAL_BENCH_PRELOAD ?? 0);
const renamed = (i: number, tag: string): Account => ({ ...company(i), name: `${WORD} ${i} Labs${tag}`, website: `https://${WORD.toLowerCase()}-${i}${tag}.io` });
if (PRELOAD > 0) {
  now = new Date(now.getTime() + 15 * 60_000);
  const since = now;
  now = new Date(now.getTime() + 1_000);
  const preload = Array.from({ length: PRELOAD }, (_, k) => renamed((k * 7919 + offset + 17) % accountCount, `${run}pre`));
  await time(`preload: ${PRELOAD} accounts renamed with "${WORD}" (not measured)`, async () => {
    for (let at = 0; at < preload.length; at += 50_000) await upsertAccounts(db, "mine", "salesforce", preload.slice(at, at + 50_000), { now });
    await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "mine", since });
    database.checkpoint();
  });
}
for (let round = 0; round < ROUNDS; round += 1) {
  now = new Date(now.getTime() + 15 * 60_000);
  const since = now;
  now = new Date(now.getTime() + 1_000);
  const changed = Array.from({ length: CHANGED }, (_, k) => {
    const i = (k * 9973 + offset + round * 3) % accountCount;
    const tag = `${run}r${round}`;
    return k % 2 === 0 ? renamed(i, tag) : { ...company(i), city: `Munich${tag}` };
  });
  console.log(`incremental round ${round + 1} of ${ROUNDS}:`);
  await time(`  upsert ${CHANGED} changed accounts (change detection)`, () => upsertAccounts(db, "mine", "salesforce", changed, { now }));
  const eventsBefore = countEvents();
  // The profile, when asked for, is of the last round (or of each, MUTUAL_BENCH_PROFILE_ROUNDS=all).
  const step = () => time("  re-match changed + overlaps + announce (target <= 2 s at 1M x 50)", () => updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "mine", since }));
  const profiling = profiledRound(round, ROUNDS);
  const { result: incremental, gcMs, majorGcMs } = await withGcPauses(() => (profiling.profile ? withCpuProfile(step, profiling.round) : step()));
  console.log(`    GC pauses during the step: ${gcMs.toFixed(0)} ms (mark-compact ${majorGcMs.toFixed(0)} ms)`);
  const heap = process.memoryUsage();
  console.log(`    ${JSON.stringify(incremental)}; events emitted: ${countEvents() - eventsBefore}; heap used ${Math.round(heap.heapUsed / 1048576)} MB, RSS ${Math.round(heap.rss / 1048576)} MB`);
  const wal = await time("  checkpoint after the pass (the worker's, between passes; not part of the pipeline)", async () => database.checkpoint());
  console.log(`    ${JSON.stringify(wal)} (4 KiB pages)`);
  // The worker's passes come minutes apart; MUTUAL_BENCH_IDLE_MS leaves the process idle between rounds (V8
  // finishes a collection it started on its own then), 0 runs them back to back.
  if (IDLE_MS > 0) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
}
now = new Date(now.getTime() + 60_000);
await time("reconcile only, nothing changed (full snapshot diff of the org + every partner org; runs after full recomputes only)", async () => {
  for (const orgId of ["mine", ...Array.from({ length: partnerCount }, (_, p) => `partner-${p}`)]) {
    await publishOverlapChanges(db, { orgId, visible: await loadOverlapVisibility(db, orgId) }, { now });
  }
});
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
database.close();
rmSync(dir, { recursive: true, force: true });
