import { listDomainEvents, listOverlaps, listSyncRuns, openDatabase } from "@mutual/db";
import type { Database } from "@mutual/db";
import { generateHubSpotSeed, startHubSpotEmulator } from "@mutual/emulators";
import type { HubSpotEmulator, HubSpotSeed } from "@mutual/emulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorker, seedPartnership } from "./testing/sync-fixture.ts";

describe("sync worker against the HubSpot emulator (real @hubspot/api-client)", () => {
  let database: Database;
  let emulator: HubSpotEmulator;
  let seed: HubSpotSeed;
  // One clock for the emulator and the connector (whose incremental windows stop at now minus
  // HubSpot's search index lag), stepped ahead for edits instead of sleeping.
  const emulatorClock = { t: Date.parse("2026-11-20T09:00:00.000Z") };

  beforeEach(async () => {
    seed = generateHubSpotSeed({ companies: 60, deals: 30, seed: 4 });
    emulator = await startHubSpotEmulator({ seed, now: () => emulatorClock.t });
    database = openDatabase({ file: ":memory:" });
  });
  afterEach(async () => {
    await emulator.close();
    database.close();
  });

  const withWebsite = () => seed.companies.filter((company) => company.properties.website !== undefined && company.properties.name !== undefined);

  it("runs a full sync, then an incremental one after edits and archivals", async () => {
    const shared = withWebsite().slice(0, 15);
    const { partnershipId } = await seedPartnership(database.db, {
      overlapWith: shared.map((company) => ({ name: company.properties.name!, website: company.properties.website! })),
    });
    const { worker, connect, clock } = createTestWorker(database.db, { sourceHooks: { hubspot: { now: () => emulatorClock.t } } });
    const connection = await connect({
      name: "HubSpot",
      config: { provider: "hubspot", settings: { basePath: emulator.basePath, tier: "professional" }, credentials: { kind: "private-app", accessToken: emulator.accessToken } },
    });

    await worker.enqueueSync("HubSpot");
    expect(await worker.runOnce()).toMatchObject({ jobs: 1 });
    const [full] = await listSyncRuns(database.db, { connectionId: connection.id });
    expect(full).toMatchObject({ status: "succeeded", trigger: "manual" });
    expect(full!.counts).toMatchObject({ accountsPulled: 60, accountsInserted: 60, opportunitiesPulled: 30, opportunitiesInserted: 30 });
    expect(full!.apiCalls).toBeGreaterThan(0);
    const before = await listOverlaps(database.db, { orgId: "acme", partnershipId });
    expect(before.length).toBeGreaterThanOrEqual(shared.length);
    expect(full!.counts.overlapsCreated).toBe(2 * before.length);
    const created = await listDomainEvents(database.db, { orgId: "acme", type: "overlap.created" });
    expect(created).toHaveLength(before.length);
    expect(created[0]!.payload).toMatchObject({ partnershipId, mineAccount: { source: "hubspot" } });

    // One overlapping company stops matching, one is archived, one unrelated company moves city.
    emulatorClock.t += 60_000;
    const [edited, archived] = shared;
    emulator.store.update("companies", edited!.id, { name: "Totally Different Holdings", website: "https://nothing-in-common.example", domain: "nothing-in-common.example" });
    emulator.store.archive("companies", archived!.id);
    const unrelated = withWebsite().at(-1)!;
    emulator.store.update("companies", unrelated.id, { city: "Lyon" });
    emulatorClock.t += 10_000; // past the connector's 5 s index lag
    clock.advance(60_000);
    await worker.enqueueSync("HubSpot");
    expect(await worker.runOnce()).toMatchObject({ jobs: 1 });

    const [incremental] = await listSyncRuns(database.db, { connectionId: connection.id });
    expect(incremental).toMatchObject({ status: "succeeded" });
    expect(incremental!.counts).toMatchObject({ accountsPulled: 2, accountsUpdated: 2, accountsDeleted: 1 });
    expect(incremental!.counts.accountsInserted ?? 0).toBe(0);
    const after = await listOverlaps(database.db, { orgId: "acme", partnershipId });
    const gone = before.length - after.length;
    expect(gone).toBeGreaterThanOrEqual(2);
    expect(incremental!.counts).toMatchObject({ overlapsRemoved: 2 * gone, overlapsCreated: 0 });
    const removed = await listDomainEvents(database.db, { type: "overlap.removed" });
    expect(removed.map((event) => event.orgId).sort()).toEqual([...Array(gone).fill("acme"), ...Array(gone).fill("globex")]);
  });
});
