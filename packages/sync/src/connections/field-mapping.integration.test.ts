import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accounts, createOrganization, findSyncRunByJob, openDatabase } from "@mutual/db";
import type { Database } from "@mutual/db";
import { generateHubSpotSeed, startHubSpotEmulator, startSalesforceEmulator } from "@mutual/emulators";
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorker, salesforceConfig } from "../testing/sync-fixture.ts";

/** The org's stored accounts by source id: what a sync made of the provider's records. */
async function storedAccounts(database: Database) {
  const rows = await database.db.select().from(accounts).where(eq(accounts.orgId, "acme")).orderBy(asc(accounts.sourceId));
  return new Map(rows.map((row) => [row.sourceId, row]));
}

describe("a connection's field mapping", () => {
  let database: Database;
  let dir: string;

  beforeEach(async () => {
    database = openDatabase({ file: ":memory:" });
    await createOrganization(database.db, { id: "acme", name: "Acme" });
    dir = mkdtempSync(join(tmpdir(), "mutual-field-mapping-"));
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("Salesforce: overrides feed the canonical fields, and an unknown field fails the sync at once with every gap", async () => {
    const emulator = await startSalesforceEmulator({ accounts: 30, opportunities: 5, seed: 7, bulkProcessingDelayMs: 1 });
    try {
      const orgAccounts = emulator.org.query("SELECT Id, Industry FROM Account", false).rows;
      const industries = [...new Set(orgAccounts.map((row) => row.Industry).filter((value): value is string => typeof value === "string"))];
      const customerIndustries = industries.slice(0, 2);
      const { worker, connect } = createTestWorker(database.db);
      const mapping = {
        // Customers by industry here, where the default reads the account Type.
        account: { statusRules: [{ status: "customer" as const, field: "Industry", values: customerIndustries }] },
      };
      const config = salesforceConfig(emulator);
      await connect({ name: "Salesforce", config: { ...config, settings: { ...config.settings, fieldMapping: mapping } } });
      const job = await worker.enqueueSync("Salesforce");
      await worker.runOnce();
      expect(await findSyncRunByJob(database.db, job.job.id)).toMatchObject({ status: "succeeded" });

      const stored = await storedAccounts(database);
      expect(stored.size).toBe(orgAccounts.length);
      for (const row of orgAccounts) {
        const account = stored.get(String(row.Id))!;
        expect(account.status).toBe(customerIndustries.includes(String(row.Industry)) ? "customer" : "prospect");
      }
      expect([...stored.values()].some((account) => account.status === "customer")).toBe(true);

      // A field the org does not have: one invalid_input naming it, and no retry.
      const broken = await connect({
        name: "Salesforce (typo)",
        config: { ...config, settings: { ...config.settings, fieldMapping: { account: { country: "BillingCountryy" }, opportunity: { amount: "Amout" } } } },
      });
      const failing = await worker.enqueueSync(broken.id);
      await worker.runOnce();
      const run = await findSyncRunByJob(database.db, failing.job.id);
      expect(run).toMatchObject({ status: "failed", attempts: 1 });
      expect(run!.error).toMatch(/^invalid_input: salesforce: the field mapping names 2 unknown field\(s\)\n  Account[.]BillingCountryy: no such field.*\n  Opportunity[.]Amout: no such field/);
    } finally {
      await emulator.close();
    }
  });

  it("HubSpot: lifecycle stages map to statuses as configured", async () => {
    const seed = generateHubSpotSeed({ companies: 40, deals: 5, seed: 5 });
    const emulator = await startHubSpotEmulator({ seed });
    try {
      const { worker, connect } = createTestWorker(database.db);
      await connect({
        name: "HubSpot",
        config: {
          provider: "hubspot",
          settings: { basePath: emulator.basePath, fieldMapping: { statusByLifecycleStage: { lead: "opportunity", customer: "customer" } } },
          credentials: { kind: "private-app", accessToken: emulator.accessToken },
        },
      });
      const job = await worker.enqueueSync("HubSpot");
      await worker.runOnce();
      expect(await findSyncRunByJob(database.db, job.job.id)).toMatchObject({ status: "succeeded" });

      const stored = await storedAccounts(database);
      // The mapping replaces the default's stages as a whole: evangelists, customers by default, are prospects here.
      const expected = (stage: string | undefined) => (stage === "lead" ? "opportunity" : stage === "customer" ? "customer" : "prospect");
      const withStage = seed.companies.filter((company) => stored.has(company.id));
      expect(withStage.length).toBeGreaterThan(0);
      for (const company of withStage) expect(stored.get(company.id)!.status).toBe(expected(company.properties.lifecyclestage ?? undefined));
      expect(withStage.some((company) => company.properties.lifecyclestage === "lead")).toBe(true);
    } finally {
      await emulator.close();
    }
  });

  it("CSV: columns under other headers are read through the connection's column map, named in its errors", async () => {
    writeFileSync(join(dir, "accounts.csv"), "Ref,Company,Homepage\nc1,Initech,https://initech.com\nc2,Hooli,https://hooli.com\n");
    const { worker, connect } = createTestWorker(database.db);
    const mapped = await connect({
      name: "CSV",
      config: { provider: "csv", settings: { accountsFile: join(dir, "accounts.csv"), accountColumns: { id: "Ref", name: "Company", website: "Homepage" } } },
    });
    const job = await worker.enqueueSync(mapped.id);
    await worker.runOnce();
    expect(await findSyncRunByJob(database.db, job.job.id)).toMatchObject({ status: "succeeded", counts: { accountsInserted: 2 } });
    expect([...(await storedAccounts(database)).values()].map((account) => [account.sourceId, account.name, account.domain])).toEqual([
      ["c1", "Initech", "initech.com"],
      ["c2", "Hooli", "hooli.com"],
    ]);

    const wrong = await connect({
      name: "CSV (wrong header)",
      config: { provider: "csv", settings: { accountsFile: join(dir, "accounts.csv"), accountColumns: { id: "Ref", name: "Company Name" } } },
    });
    const failing = await worker.enqueueSync(wrong.id);
    await worker.runOnce();
    const run = await findSyncRunByJob(database.db, failing.job.id);
    expect(run).toMatchObject({ status: "failed", attempts: 1 });
    expect(run!.error).toContain(`accountColumns.name="Company Name": no column 'Company Name' (columns: Ref, Company, Homepage)`);
  });

  it("refuses a misspelt setting and a field name that is not one, when the connection is created", async () => {
    const { connect } = createTestWorker(database.db);
    const csv = { provider: "csv" as const, settings: { accountsFile: join(dir, "accounts.csv"), acountColumns: { name: "Company" } } };
    await expect(connect({ name: "Typo", config: csv })).rejects.toThrow(/acountColumns/);
    const unknownField = { provider: "csv" as const, settings: { accountsFile: join(dir, "accounts.csv"), accountColumns: { company_name: "Company" } } };
    await expect(connect({ name: "Unknown field", config: unknownField })).rejects.toMatchObject({
      code: "invalid_input",
      details: [expect.stringMatching(/^settings[.]accountColumns: .*company_name/)],
    });
    const salesforce = {
      provider: "salesforce" as const,
      settings: { loginUrl: "https://login.example.com", clientId: "id", fieldMapping: { account: { website: "Website FROM Account --" } } },
      credentials: { kind: "password" as const, username: "u", password: "p" },
    };
    await expect(connect({ name: "Injection", config: salesforce })).rejects.toThrow(/expected a field API name/);
  });
});
