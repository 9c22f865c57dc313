import { listDomainEvents, listOverlaps, listSyncRuns, openDatabase, syncConnections, syncRuns } from "@mutual/db";
import type { Database } from "@mutual/db";
import { startSalesforceEmulator } from "@mutual/emulators";
import type { SalesforceEmulator } from "@mutual/emulators";
import { startWebhookReceiver } from "@mutual/webhooks/testing";
import { verifyWebhookSignature } from "@mutual/webhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { T0, createTestWorker, injectPullFault, listEmulatorAccounts, openTestSource, salesforceConfig, seedPartnership } from "./testing/sync-fixture.ts";

describe("sync worker against the Salesforce emulator", () => {
  let database: Database;
  let emulator: SalesforceEmulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let shared: { id: string; name: string; website: string }[];
  let partnershipId: string;

  beforeEach(async () => {
    // Small query pages, so pulls take several checkpointed pages.
    emulator = await startSalesforceEmulator({ accounts: 120, opportunities: 60, seed: 11, bulkProcessingDelayMs: 1, queryBatchSize: 4 });
    database = openDatabase({ file: ":memory:" });
    receiver = await startWebhookReceiver();
    shared = listEmulatorAccounts(emulator).slice(0, 30);
    ({ partnershipId } = await seedPartnership(database.db, { overlapWith: shared }));
  });
  afterEach(async () => {
    await receiver.close();
    await emulator.close();
    database.close();
  });

  async function subscribe(deliverer: ReturnType<typeof createTestWorker>["deliverer"]) {
    const acme = await deliverer.subscribe({ orgId: "acme", url: receiver.url, eventTypes: ["*"] });
    const globex = await deliverer.subscribe({ orgId: "globex", url: receiver.url, eventTypes: ["overlap.created", "overlap.removed"] });
    return { acme, globex };
  }

  const receivedEvents = () => receiver.received.map((r) => JSON.parse(r.body) as { type: string; orgId: string; data: Record<string, unknown> });

  it("runs a manual sync end to end: pull, overlaps, signed webhooks, run history", async () => {
    const { worker, deliverer, clock, connect } = createTestWorker(database.db);
    const { acme } = await subscribe(deliverer);
    const connection = await connect({ name: "Salesforce", config: salesforceConfig(emulator) });
    // Credentials are stored sealed, bound to the connection.
    const [stored] = await database.db.select().from(syncConnections);
    expect(stored!.credentials).toMatch(/^v1\./);
    expect(stored!.credentials).not.toContain(emulator.credentials.password);

    await worker.enqueueSync("Salesforce");
    expect(await worker.runOnce()).toMatchObject({ jobs: 1 });

    const [run] = await listSyncRuns(database.db, { connectionId: connection.id });
    expect(run).toMatchObject({ status: "succeeded", trigger: "manual", phase: "done", attempts: 1 });
    expect(run!.counts).toMatchObject({ accountsPulled: 120, accountsInserted: 120, opportunitiesPulled: 60, opportunitiesInserted: 60 });
    expect(run!.counts.overlapsCreated).toBeGreaterThanOrEqual(50);
    expect(run!.apiCalls).toBeGreaterThan(0);
    expect(run!.quota).toMatchObject({ limit: expect.any(Number) });
    expect(run!.durationMs).toBeGreaterThanOrEqual(0);

    const overlaps = await listOverlaps(database.db, { orgId: "acme", partnershipId });
    // Announced to both sides: acme's view and globex's view of the same overlaps.
    expect(run!.counts.overlapsCreated).toBe(2 * overlaps.length);
    const events = receivedEvents();
    const acmeCreated = events.filter((e) => e.orgId === "acme" && e.type === "overlap.created");
    const globexCreated = events.filter((e) => e.orgId === "globex" && e.type === "overlap.created");
    expect(acmeCreated).toHaveLength(overlaps.length);
    expect(globexCreated).toHaveLength(overlaps.length);
    expect(acmeCreated[0]!.data).toMatchObject({ partnershipId, mineAccount: { source: "salesforce" } });
    expect(receiver.processedDeliveryIds()).toHaveLength(receiver.received.length);
    const first = receiver.received.find((r) => r.headers["mutual-delivery-id"] && JSON.parse(r.body).orgId === "acme")!;
    expect(
      verifyWebhookSignature({ body: first.body, header: first.headers["mutual-signature"] as string, secret: acme.secret, nowSeconds: clock.now().getTime() / 1000 }).ok,
    ).toBe(true);

    // Nothing changed: the next sync pulls nothing new and announces nothing.
    clock.advance(60_000);
    await worker.enqueueSync("Salesforce");
    await worker.runOnce();
    const [second] = await listSyncRuns(database.db, { connectionId: connection.id });
    expect(second!.counts.accountsInserted ?? 0).toBe(0);
    expect(second!.counts.overlapsCreated).toBe(0);
    expect(receiver.received).toHaveLength(events.length);
  });

  it("syncs incrementally after edits and deletes, announcing removed overlaps once", async () => {
    const { worker, deliverer, connect, clock } = createTestWorker(database.db);
    await subscribe(deliverer);
    const connection = await connect({ name: "Salesforce", config: salesforceConfig(emulator) });
    await worker.enqueueSync(connection.id);
    await worker.runOnce();
    const before = await listOverlaps(database.db, { orgId: "acme", partnershipId });
    const receivedBefore = receiver.received.length;

    // One overlapping account loses its website and name match, another is deleted.
    const [edited, deleted] = shared;
    emulator.org.update("Account", edited!.id, { Website: "https://nothing-in-common.example", Name: "Totally Different Holdings" });
    emulator.org.remove("Account", deleted!.id);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // modstamps have second precision
    clock.advance(60_000);
    await worker.enqueueSync(connection.id);
    await worker.runOnce();

    const [run] = await listSyncRuns(database.db, { connectionId: connection.id });
    expect(run).toMatchObject({ status: "succeeded" });
    expect(run!.counts.accountsPulled).toBeLessThan(10);
    expect(run!.counts).toMatchObject({ accountsUpdated: 1, accountsDeleted: 1, overlapsRemoved: 4, overlapsCreated: 0 });
    const after = await listOverlaps(database.db, { orgId: "acme", partnershipId });
    expect(after).toHaveLength(before.length - 2);
    const newEvents = receivedEvents().slice(receivedBefore);
    expect(newEvents.map((e) => `${e.orgId}:${e.type}`).sort()).toEqual([
      "acme:overlap.removed",
      "acme:overlap.removed",
      "globex:overlap.removed",
      "globex:overlap.removed",
    ]);
    const events = await listDomainEvents(database.db, { type: "overlap.removed" });
    expect(events).toHaveLength(4);
  });

  it("runs scheduled syncs on their cadence", async () => {
    const { worker, clock, connect, runner } = createTestWorker(database.db);
    await connect({ name: "Salesforce", config: salesforceConfig(emulator), cadence: "every_15_minutes" });
    expect(await worker.runOnce()).toMatchObject({ jobs: 0 });
    clock.set(new Date(T0.getTime() + 15 * 60_000));
    expect(await worker.runOnce()).toMatchObject({ jobs: 1 });
    expect(await worker.runOnce()).toMatchObject({ jobs: 0 });
    clock.advance(15 * 60_000);
    expect(await worker.runOnce()).toMatchObject({ jobs: 1 });
    const runs = await listSyncRuns(database.db);
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ["scheduled", "succeeded"],
      ["scheduled", "succeeded"],
    ]);
    // Manual "sync now" of a scheduled connection runs beside the schedule.
    const [schedule] = await runner.listSchedules();
    await runner.runScheduleNow(schedule!.name);
    expect(await worker.runOnce()).toMatchObject({ jobs: 1 });
  });

  it("never runs a manual and a scheduled sync of one connection at once, on two workers", async () => {
    // Worker A's source blocks at open until released, so its sync is visibly in progress.
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a = createTestWorker(database.db, {
      workerId: "worker-a",
      openSource: async (connection) => {
        entered();
        await gate;
        return openTestSource(connection);
      },
    });
    const b = createTestWorker(database.db, { workerId: "worker-b" });
    const connection = await a.connect({ name: "Salesforce", config: salesforceConfig(emulator), cadence: "every_15_minutes" });
    await a.worker.enqueueSync(connection.id);
    // The schedule is due too: worker A's pass queues it and starts the (older) manual sync.
    for (const clock of [a.clock, b.clock]) clock.set(new Date(T0.getTime() + 15 * 60_000));
    const passA = a.worker.runOnce();
    await inside;
    // Worker B finds the scheduled sync queued but may not start it while A's sync of the connection runs.
    expect(await b.worker.runOnce()).toMatchObject({ jobs: 0 });
    const waiting = await b.runner.listJobs({ state: "queued" });
    expect(waiting.map((job) => [job.payload, job.concurrencyKey])).toEqual([[{ connectionId: connection.id, trigger: "scheduled" }, `connection:${connection.id}`]]);
    expect(await listSyncRuns(database.db)).toHaveLength(1);

    // Once A's sync is done, the scheduled one runs (here on A, still draining).
    release();
    expect(await passA).toMatchObject({ jobs: 2 });
    expect(await b.worker.runOnce()).toMatchObject({ jobs: 0 });
    const runs = await listSyncRuns(database.db, { connectionId: connection.id });
    expect(runs.map((run) => [run.trigger, run.status]).sort()).toEqual([
      ["manual", "succeeded"],
      ["scheduled", "succeeded"],
    ]);
  });

  it("survives injected faults: retried inside the connector, then by the job runner from the checkpoint", async () => {
    const failures = { remaining: 0, afterPages: 1 };
    const { worker, clock, connect } = createTestWorker(database.db, {
      openSource: async (connection) => injectPullFault(await openTestSource(connection), failures),
    });
    const connection = await connect({ name: "Salesforce", config: salesforceConfig(emulator) });
    // Transient: a 503 is absorbed by the SDK's and the connector's own retries.
    emulator.injectFault({ fault: { kind: "server_error", status: 503 }, match: /query/, times: 1 });
    await worker.enqueueSync(connection.id);
    await worker.runOnce();
    expect((await listSyncRuns(database.db))[0]).toMatchObject({ status: "succeeded" });

    // An outage after the first page of a pull: the job fails and backs off, the run stays open
    // with the first page committed, and the retry resumes the same run from its checkpoint.
    for (const account of shared.slice(0, 3)) emulator.org.update("Account", account.id, { Name: `${account.name} Renamed` });
    for (const account of listEmulatorAccounts(emulator).slice(60, 63)) emulator.org.update("Account", account.id, { Phone: "+1 555 0100" });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    failures.remaining = 1;
    clock.advance(60_000);
    await worker.enqueueSync(connection.id);
    await worker.runOnce();
    const [failing] = await listSyncRuns(database.db);
    expect(failing).toMatchObject({ status: "running", attempts: 1, phase: "pull_accounts" });
    expect(failing!.counts.accountsPulled).toBe(4);
    await worker.runOnce(); // backoff not elapsed: nothing runs
    expect((await listSyncRuns(database.db))[0]).toMatchObject({ status: "running", attempts: 1 });
    clock.advance(1_000);
    await worker.runOnce();
    const [resumed] = await listSyncRuns(database.db);
    expect(resumed).toMatchObject({ id: failing!.id, status: "succeeded", attempts: 2 });
    expect(resumed!.counts).toMatchObject({ accountsPulled: 6, accountsUpdated: 6 });
  });

  it("checkpoints the database after each pass, once its syncs and deliveries are done", async () => {
    const passes: string[] = [];
    const { worker, connect } = createTestWorker(database.db, {
      checkpoint: () => {
        // By then the pass's sync run is finished.
        passes.push(database.db.select().from(syncRuns).all().map((run) => run.status).join(","));
        return database.checkpoint();
      },
    });
    await connect({ name: "Salesforce", config: salesforceConfig(emulator) });
    await worker.enqueueSync("Salesforce");
    await worker.runOnce();
    await worker.runOnce();
    expect(passes).toEqual(["succeeded", "succeeded"]);
  });
});

