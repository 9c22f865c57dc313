import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPartner, listPartners, openDatabase, opportunities, upsertOpportunities } from "@mutual/db";
import type { Database } from "@mutual/db";
import { getOpportunityAttribution, getOpportunityTag, setCosellConfig, setOpportunityTag } from "@mutual/services";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncProgressEvent } from "./pipeline/run-sync.ts";
import { T0, createTestWorker, seedPartnership } from "./testing/sync-fixture.ts";

const ACCOUNTS_HEADER = "id,name,website,country,status";
const OPPS_HEADER = "id,account_id,name,stage,amount,currency,created_at,close_date,is_closed,is_won,owner_email,partner_id,lead_source";

describe("attribution in the sync pipeline", () => {
  let database: Database;
  let dir: string;
  let globexPartnerId: string;
  let acmePartnerId: string;

  beforeEach(async () => {
    database = openDatabase({ file: ":memory:" });
    dir = mkdtempSync(join(tmpdir(), "mutual-attribution-sync-"));
    // Globex: Initech (customer), Hooli (prospect), Umbrella (prospect), Pied Piper (customer).
    const { partnershipId } = await seedPartnership(database.db, {
      overlapWith: [
        { name: "Initech", website: "https://initech.com" },
        { name: "Hooli", website: "https://hooli.com" },
        { name: "Umbrella", website: "https://umbrella.com" },
        { name: "Pied Piper", website: "https://piedpiper.com" },
      ],
      extra: 2,
    });
    // Each side lists the other as a partner (what accepting an invitation does in the services).
    for (const [ownerOrgId, name, partnerOrgId] of [["acme", "Globex", "globex"], ["globex", "Acme", "acme"]] as const) {
      await createPartner(database.db, { kind: "org", ownerOrgId, name, partnershipId, partnerOrgId }, { now: T0 });
    }
    globexPartnerId = (await listPartners(database.db, "acme"))[0]!.id;
    acmePartnerId = (await listPartners(database.db, "globex"))[0]!.id;
    // Overlap alone is influence here (the default also asks for a recorded engagement).
    for (const orgId of ["acme", "globex"]) {
      await setCosellConfig({ db: database.db, now: () => T0 }, { orgId, settings: { attribution: { influenceMode: "overlap" } } });
    }
    // Globex's own open deal on Pied Piper: influenced by Acme once Acme has Pied Piper as a customer.
    await upsertOpportunities(
      database.db,
      "globex",
      "csv",
      [{ id: "gx1", accountId: "g-3", name: "Pied Piper expansion", stage: "Proposal", amount: 800, currency: "USD", createdAt: "2026-11-01", isClosed: false, isWon: false }],
      { now: T0 },
    );
  });
  afterEach(() => database.close());

  function writeFiles(accounts: string[], opps: string[]) {
    writeFileSync(join(dir, "accounts.csv"), [ACCOUNTS_HEADER, ...accounts].join("\n"));
    writeFileSync(join(dir, "opps.csv"), [OPPS_HEADER, ...opps].join("\n"));
  }

  const oppId = (orgId: string, sourceId: string) =>
    database.db
      .select({ id: opportunities.id })
      .from(opportunities)
      .where(and(eq(opportunities.orgId, orgId), eq(opportunities.sourceId, sourceId)))
      .get()!.id;

  it("recomputes attributions and influencing-partner tags of both orgs when a sync changes overlaps; a manual tag survives", async () => {
    const phases: string[] = [];
    const onProgress = (event: SyncProgressEvent) => {
      if (event.kind === "phase") phases.push(event.phase);
    };
    const { worker, clock, connect } = createTestWorker(database.db, { onProgress });
    const ctx = { db: database.db, now: () => clock.now() };
    const connection = await connect({
      name: "CSV",
      config: { provider: "csv", settings: { accountsFile: join(dir, "accounts.csv"), opportunitiesFile: join(dir, "opps.csv") } },
    });
    const sync = async () => {
      clock.advance(60_000);
      await worker.enqueueSync(connection.id);
      await worker.runOnce();
    };
    const accounts = ["a1,Initech,https://initech.com,US,prospect", "a2,Hooli,https://hooli.com,US,prospect", "a3,Solo,https://solo-widgets.com,US,prospect"];
    const opps = [
      "o1,a1,Initech deal,Negotiation,1000,USD,2026-11-01,2026-12-20,false,false,,,Web",
      "o2,a2,Hooli deal,Prospecting,400,USD,2026-11-01,2026-12-20,false,false,,,",
      "o3,a3,Solo deal,Prospecting,250,USD,2026-11-01,2026-12-20,false,false,,Globex,Partner Referral",
    ];
    writeFiles(accounts, opps);
    await sync();
    expect(phases).toEqual(["overlaps", "attribution"]);

    const attribution = (orgId: string, sourceId: string) => getOpportunityAttribution(ctx, { orgId, opportunityId: oppId(orgId, sourceId) });
    const tag = async (orgId: string, sourceId: string) => (await getOpportunityTag(ctx, { orgId, opportunityId: oppId(orgId, sourceId) })).tag;

    // Initech is Globex's customer: influenced and tagged. Hooli is only a prospect there: nothing.
    expect((await attribution("acme", "o1")).credits).toMatchObject([{ partnerId: globexPartnerId, kind: "influenced", share: { minor: 100000 } }]);
    expect(await tag("acme", "o1")).toMatchObject({ partnerId: globexPartnerId, origin: "computed", assignedAt: "2026-11-20" });
    expect((await attribution("acme", "o2")).credits).toEqual([]);
    expect(await tag("acme", "o2")).toBeNull();
    // The CSV lead source + partner column source the Solo deal.
    const sourced = await attribution("acme", "o3");
    expect(sourced.credits).toMatchObject([{ partnerId: globexPartnerId, kind: "sourced", share: { minor: 25000 } }]);
    expect(sourced.credits[0]!.evidence).toContain("lead source is 'Partner Referral'");
    // Acme has no Pied Piper yet: Globex's deal has no partner credit.
    expect((await attribution("globex", "gx1")).credits).toEqual([]);

    // A rep tags the Hooli deal by hand.
    await setOpportunityTag(ctx, { orgId: "acme", opportunityId: oppId("acme", "o2"), partnerId: globexPartnerId, notes: "Globex AE joined the demo", by: "rep@acme.test" });

    // Next sync: Pied Piper arrives as an Acme customer with an open deal, creating an overlap.
    writeFiles(
      [...accounts, "a4,Pied Piper,https://piedpiper.com,US,customer"],
      [...opps, "o4,a4,Pied Piper deal,Negotiation,600,USD,2026-11-10,2026-12-20,false,false,,,"],
    );
    await sync();

    expect((await attribution("acme", "o4")).credits).toMatchObject([{ partnerId: globexPartnerId, kind: "influenced", share: { minor: 60000 } }]);
    expect(await tag("acme", "o4")).toMatchObject({ partnerId: globexPartnerId, origin: "computed", assignedAt: "2026-11-20" });
    // The partner org's view changed too: its deal is now influenced by Acme and tagged.
    const partnerSide = await attribution("globex", "gx1");
    expect(partnerSide.credits).toMatchObject([{ partnerId: acmePartnerId, kind: "influenced" }]);
    expect(partnerSide.credits[0]!.evidence.join("\n")).toContain("account was in Acme's customers");
    expect(await tag("globex", "gx1")).toMatchObject({ partnerId: acmePartnerId, origin: "computed" });
    // The manual tag survived the sync's recompute; unchanged attributions stayed.
    expect(await tag("acme", "o2")).toMatchObject({ partnerId: globexPartnerId, origin: "manual", notes: "Globex AE joined the demo" });
    expect((await attribution("acme", "o1")).credits).toMatchObject([{ partnerId: globexPartnerId, kind: "influenced" }]);

    // Nothing changed: the sync skips the recompute. (The first unchanged sync still re-matches the
    // rows written at the previous checkpoint's instant, since the manual clock stands still in a sync.)
    await sync();
    phases.length = 0;
    await sync();
    expect(phases).toEqual(["overlaps"]);
  });
});
