import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listSyncRuns } from "@mutual/db";
import { startSalesforceEmulator } from "@mutual/emulators";
import type { SalesforceEmulator } from "@mutual/emulators";
import { createSqliteJobRunner } from "@mutual/jobs";
import type { LeasedJob } from "@mutual/jobs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SYNC_QUEUE, createConnection } from "./connections/create-connection.ts";
import { createSyncWorkerOn, openSyncContext } from "./open-sync-context.ts";
import type { SyncContext } from "./open-sync-context.ts";
import { parseSyncEnv } from "./sync-env.ts";
import { listEmulatorAccounts, salesforceConfig, seedPartnership, silentLogger } from "./testing/sync-fixture.ts";

describe("createSyncWorkerOn", () => {
  let dir: string;
  let emulator: SalesforceEmulator;
  let context: SyncContext | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "mutual-sync-context-"));
    emulator = await startSalesforceEmulator({ accounts: 20, opportunities: 5, seed: 3, bulkProcessingDelayMs: 1 });
  });
  afterEach(async () => {
    context?.database.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("renews a lease shorter than the job runner's default heartbeat, so a second worker never takes a running sync", async () => {
    // A lease of 1.5 s against a sync held up for 3.5 s: renewed every 0.5 s, it never lapses (a second of slack
    // for a busy CI machine). With the job runner's default heartbeat (10 s) it would, and the other worker
    // would lease the sync again.
    const env = parseSyncEnv(
      { MUTUAL_ENV: "test", MUTUAL_DATABASE_FILE: "mutual.sqlite", MUTUAL_ENCRYPTION_KEY: "a".repeat(64), MUTUAL_LEASE_MS: "1500", MUTUAL_WORKER_ID: "cli" },
      dir,
    );
    context = openSyncContext(env, silentLogger);
    const { db } = context.database;
    await seedPartnership(db, { overlapWith: listEmulatorAccounts(emulator).slice(0, 5) });
    await createConnection({ db, secretBox: context.secretBox, runner: context.runner, clock: context.clock }, { orgId: "acme", name: "Salesforce", config: salesforceConfig(emulator) });
    emulator.injectFault({ fault: { kind: "slow", delayMs: 3_500 }, match: /query/i });

    let started = false;
    const worker = createSyncWorkerOn(context, env, { onProgress: (event) => (started ||= event.kind === "started") });
    await worker.enqueueSync("Salesforce");
    const other = createSqliteJobRunner({ db, leaseMs: 1_500 });
    const takenByOther: LeasedJob[] = [];
    let running = true;
    const sync = worker.runOnce().finally(() => (running = false));
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Another worker on the same database (the worker process beside `mutual sync`) polls for work.
      if (started) takenByOther.push(...(await other.lease({ queues: [SYNC_QUEUE], workerId: "worker" })));
    }

    expect(await sync).toMatchObject({ jobs: 1 });
    expect(takenByOther).toEqual([]);
    const [run] = await listSyncRuns(db, {});
    expect(run).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(run!.durationMs).toBeGreaterThanOrEqual(3_500);
  });
});
