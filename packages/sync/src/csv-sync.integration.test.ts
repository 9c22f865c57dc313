import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listDomainEvents, listPopulations, listSyncRuns, openDatabase, upsertSharingRule } from "@mutual/db";
import type { Database } from "@mutual/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
});
