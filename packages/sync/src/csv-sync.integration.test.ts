import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findSyncRunByJob, listDomainEvents, listPopulations, listSyncRuns, openDatabase, upsertSharingRule } from "@mutual/db";
import type { Database } from "@mutual/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobRunner } from "@mutual/jobs";
import { createTestWorker, seedPartnership } from "./testing/sync-fixture.ts";

const ACCOUNTS_HEADER = "id,name,website,country,status";
const OPPS_HEADER = "id,account_id,name,stage,amount,currency,created_at,close_date,is_closed,is_won,owner_email,partner_id";

describe("CSV connection sync", () => {
  let database: Database;
  let dir: string;

  beforeEach(async () => {
    database = openDatabase({ file: ":memory:" });
    dir = mkdtempSync(join(tmpdir(), "mutual-csv-sync-"));
    await seedPartnership(database.db, {
      overlapWith: [
        { name: "Initech", website: "https://initech.com" },
        { name: "Hooli", website: "https://hooli.com" },
      ],
    });
  });
  afterEach(() => database.close());

  function writeFiles(accounts: string[], opportunities: string[]) {
    writeFileSync(join(dir, "accounts.csv"), [ACCOUNTS_HEADER, ...accounts].join("\n"));
    writeFileSync(join(dir, "opps.csv"), [OPPS_HEADER, ...opportunities].join("\n"));
  }

  it("syncs CSV files incrementally, infers deletions and announces partner opportunities once", async () => {
    const { worker, clock, connect } = createTestWorker(database.db);
    const connection = await connect({
      name: "CSV",
      config: { provider: "csv", settings: { accountsFile: join(dir, "accounts.csv"), opportunitiesFile: join(dir, "opps.csv") } },
    });
    writeFiles(
      ["a1,Initech,https://initech.com,US,prospect", "a2,Hooli,https://hooli.com,US,customer", "a3,Solo,https://solo-widgets.com,US,prospect"],
      ["o1,a1,Initech deal,Negotiation,1000,USD,2026-10-01,2026-12-01,false,false,,partner-7", "o2,a3,Solo deal,Prospecting,50,USD,2026-10-01,2026-12-01,false,false,,"],
    );
    const sync = async () => {
      clock.advance(60_000);
      await worker.enqueueSync(connection.id);
      await worker.runOnce();
      return (await listSyncRuns(database.db))[0]!;
    };
    const first = await sync();
    expect(first.counts).toMatchObject({ accountsInserted: 3, opportunitiesInserted: 2, overlapsCreated: 4, partnerOpportunitiesCreated: 1 });

    // Unchanged files: nothing stored, nothing announced.
    const second = await sync();
    expect(second.counts).toMatchObject({ accountsPulled: 0, overlapsCreated: 0, partnerOpportunitiesCreated: 0 });

    // Hooli leaves the file, the partner-tagged deal is won, a bad row is reported per record.
    writeFiles(
      ["a1,Initech,https://initech.com,US,customer", "a3,Solo,https://solo-widgets.com,US,prospect", "a4,,https://noname.com,US,prospect"],
      ["o1,a1,Initech deal,Closed Won,1000,USD,2026-10-01,2026-12-01,true,true,,partner-7", "o2,a3,Solo deal,Prospecting,50,USD,2026-10-01,2026-12-01,false,false,,"],
    );
    const third = await sync();
    expect(third.status).toBe("succeeded");
    expect(third.counts).toMatchObject({ accountsDeleted: 1, overlapsRemoved: 2, partnerOpportunitiesWon: 1, partnerOpportunitiesCreated: 0 });
    expect(third.counts.overlapsPopulationChanged).toBeGreaterThanOrEqual(1);
    expect(third.recordErrors).toEqual([expect.objectContaining({ stream: "account", reason: expect.stringMatching(/line 4/) })]);
    const won = await listDomainEvents(database.db, { type: "partner_opportunity.won" });
    expect(won.map((e) => e.payload)).toEqual([expect.objectContaining({ partnerId: "partner-7", opportunity: expect.objectContaining({ sourceId: "o1", isWon: true }) })]);
    expect(await listDomainEvents(database.db, { type: "partner_opportunity.created" })).toHaveLength(1);
  });

  it("announces overlaps to an org only where the partner shares records (sharing policy)", async () => {
    // Globex shares only counts with everyone: acme must not learn which accounts overlap.
    for (const population of await listPopulations(database.db, "globex")) {
      await upsertSharingRule(database.db, { populationId: population.id!, level: "counts", fieldAllowlist: [] });
    }
    const { worker, connect } = createTestWorker(database.db);
    const connection = await connect({ name: "CSV", config: { provider: "csv", settings: { accountsFile: join(dir, "accounts.csv") } } });
    writeFiles(["a1,Initech,https://initech.com,US,prospect", "a2,Hooli,https://hooli.com,US,customer"], []);
    await worker.enqueueSync(connection.id);
    await worker.runOnce();
    const created = await listDomainEvents(database.db, { type: "overlap.created" });
    expect(created.map((event) => event.orgId)).toEqual(["globex", "globex"]);
    expect((await listSyncRuns(database.db))[0]!.counts.overlapsCreated).toBe(2);
  });

  it("closes a sync that cannot succeed as failed, with its error and no retry, and the running worker goes on", async () => {
    const { worker, runner, connect } = createTestWorker(database.db, { pollMs: 5 });
    const connection = await connect({ name: "CSV", config: { provider: "csv", settings: { accountsFile: join(dir, "accounts.csv") } } });
    // No name column: the file cannot be read as accounts, and trying again will not change that.
    writeFileSync(join(dir, "accounts.csv"), "id,website\na1,https://initech.com\n");
    const stop = new AbortController();
    const running = worker.run(stop.signal);
    try {
      const failing = await worker.enqueueSync(connection.id);
      expect(await settled(runner, failing.job.id)).toMatchObject({ state: "dead", attempts: 1 });
      const failed = await findSyncRunByJob(database.db, failing.job.id);
      expect(failed).toMatchObject({ status: "failed", attempts: 1 });
      // The stored error says what to fix, not only that the file could not be read.
      expect(failed!.error).toMatch(/^invalid_input: .*accounts[.]csv: cannot read the account columns\n  .*missing required column 'name'/);

      writeFiles(["a1,Initech,https://initech.com,US,prospect"], []);
      const fixed = await worker.enqueueSync(connection.id);
      expect(await settled(runner, fixed.job.id)).toMatchObject({ state: "succeeded" });
      expect(await findSyncRunByJob(database.db, fixed.job.id)).toMatchObject({ status: "succeeded", counts: { accountsInserted: 1, overlapsCreated: 2 } });
    } finally {
      stop.abort();
      await running;
    }
  });
});

/** The job once the running worker is done with it (succeeded, or dead after its last attempt). */
async function settled(runner: JobRunner, jobId: string) {
  for (let waited = 0; waited < 10_000; waited += 10) {
    const job = await runner.getJob(jobId);
    if (job.state === "succeeded" || job.state === "dead") return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`job ${jobId} still not settled after 10 s`);
}
