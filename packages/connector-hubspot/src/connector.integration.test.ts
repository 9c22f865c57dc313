import { afterEach, describe, expect, it } from "vitest";
import { generateHubSpotSeed, startHubSpotEmulator, type HubSpotEmulator, type HubSpotSeed } from "@mutual/emulators";
import type { PullPage } from "@mutual/connector-kit";
import { exchangeAuthorizationCode } from "./auth.ts";
import { createHubSpotConnector, HUBSPOT_TIER_LIMITS, type HubSpotConnectorOptions } from "./connector.ts";

/** One clock for emulator and connector; the connector's waits advance it, so limits cost no real time. */
function sharedClock() {
  const clock = { t: Date.parse("2026-11-20T00:00:00.000Z"), now: () => clock.t, sleep: async (ms: number) => {
    clock.t += ms;
  } };
  return clock;
}

let emulator: HubSpotEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setup(seed: HubSpotSeed, extra: Partial<HubSpotConnectorOptions> = {}) {
  const clock = sharedClock();
  emulator = await startHubSpotEmulator({ seed, now: clock.now, limits: "professional" });
  const connector = createHubSpotConnector({
    auth: { kind: "private-app", accessToken: emulator.accessToken },
    basePath: emulator.basePath,
    limits: HUBSPOT_TIER_LIMITS.professional,
    indexLagMs: 0,
    now: clock.now,
    sleep: clock.sleep,
    ...extra,
  });
  return { clock, connector, emulator };
}

async function drain<T>(pages: AsyncIterable<PullPage<T>>) {
  const records: T[] = [];
  const deletedIds: string[] = [];
  let checkpoint = "";
  for await (const page of pages) {
    records.push(...page.records);
    deletedIds.push(...page.deletedIds);
    checkpoint = page.checkpoint;
  }
  return { records, deletedIds, checkpoint };
}

const ids = (records: { id: string }[]) => records.map((r) => r.id);

describe("HubSpot connector against the emulator (real @hubspot/api-client)", () => {
  it("pulls companies and deals with their companies, then only changes and archivals", async () => {
    const seed = generateHubSpotSeed({ companies: 300, deals: 600, seed: 7 });
    const { clock, connector, emulator } = await setup(seed);
    const accounts = await drain(connector.pullAccounts());
    expect(new Set(ids(accounts.records)).size).toBe(300);
    expect(accounts.records.length).toBe(300);
    const deals = await drain(connector.pullOpportunities());
    expect(deals.records.length).toBe(600);
    const first = deals.records[0];
    expect(first && emulator.store.companiesOfDeal(first.id)[0]).toBe(first?.accountId);

    clock.t += 60_000;
    const companyId = seed.companies[10]?.id ?? "";
    emulator.store.update("companies", companyId, { lifecyclestage: "customer" });
    emulator.store.archive("companies", seed.companies[11]?.id ?? "");
    clock.t += 1000;
    const delta = await drain(connector.pullAccounts({ checkpoint: accounts.checkpoint }));
    expect(ids(delta.records)).toEqual([companyId]);
    expect(delta.records[0]?.status).toBe("customer");
    expect(delta.deletedIds).toEqual([seed.companies[11]?.id]);
    const unchanged = await drain(connector.pullAccounts({ checkpoint: delta.checkpoint }));
    expect([unchanged.records.length, unchanged.deletedIds.length]).toEqual([0, 0]);
    expect(connector.stats().rateLimited).toBe(0);
  });

  it("pulls an incremental delta larger than the 10,000-result search cap without loss or duplicates", async () => {
    const seed = generateHubSpotSeed({ companies: 12_500, deals: 0, seed: 3 });
    const { clock, connector, emulator } = await setup(seed);
    const full = await drain(connector.pullAccounts());
    expect(full.records.length).toBe(12_500);
    clock.t += 60_000;
    for (const company of seed.companies.slice(0, 12_000)) {
      clock.t += 1;
      emulator.store.update("companies", company.id, { city: "Lyon" });
    }
    clock.t += 1000;
    const callsBefore = connector.stats().apiCalls;
    const delta = await drain(connector.pullAccounts({ checkpoint: full.checkpoint }));
    expect(new Set(ids(delta.records)).size).toBe(12_000);
    expect(delta.records.length).toBe(12_000);
    // 60 search pages of 200 plus one archived listing: the minimum.
    expect(connector.stats().apiCalls - callsBefore).toBe(61);
    expect(connector.stats().rateLimited).toBe(0);
  }, 60_000);

  it("creates the property group and properties once, and writes in batches with per-record failures", async () => {
    const seed = generateHubSpotSeed({ companies: 250, deals: 0, seed: 5 });
    const { connector, emulator } = await setup(seed);
    const specs = [
      { object: "account" as const, name: "mutual_overlap_count", label: "Partner overlaps", type: "number" as const },
      { object: "account" as const, name: "mutual_partners", label: "Partners", type: "text" as const },
    ];
    const first = await connector.ensureFields(specs);
    expect(first.created.sort()).toEqual(["mutual_overlap_count", "mutual_partners"]);
    const second = await connector.ensureFields(specs);
    expect([second.created, second.existing.sort()]).toEqual([[], ["mutual_overlap_count", "mutual_partners"]]);

    const targets = seed.companies.slice(0, 220).map((c) => c.id);
    emulator.faults.inject({ fault: { kind: "record-errors", ids: [targets[150] ?? ""] }, path: "/batch/update" , times: 3 });
    const updates = [...targets, "999999999"].map((id, i) => ({ id, fields: { mutual_overlap_count: i, mutual_partners: "Acme" } }));
    const written = await connector.writeFields("account", updates);
    expect(written.apiCalls).toBe(3);
    const failed = written.results.filter((r) => !r.ok).map((r) => r.id);
    expect(failed.sort()).toEqual([targets[150], "999999999"].sort());
    expect(written.results.length).toBe(221);
    expect(emulator.store.get("companies", targets[0] ?? "")?.properties.mutual_overlap_count).toBe("0");
  });

  it("survives injected 429s, 5xx, slow answers and dropped connections without losing or repeating records", async () => {
    const seed = generateHubSpotSeed({ companies: 1_000, deals: 500, seed: 9 });
    const { connector, emulator } = await setup(seed);
    emulator.faults.inject({ fault: { kind: "rate-limit", policyName: "TEN_SECONDLY_ROLLING", retryAfterSeconds: 2 }, path: "/objects/companies", times: 2 });
    emulator.faults.inject({ fault: { kind: "server-error", status: 503 }, path: "/objects/companies", times: 2 });
    emulator.faults.inject({ fault: { kind: "drop" }, path: "/objects/companies" });
    emulator.faults.inject({ fault: { kind: "slow", delayMs: 50 }, path: "/objects/companies" });
    emulator.faults.inject({ fault: { kind: "drop" }, path: "/crm/v4/associations" });
    emulator.faults.inject({ fault: { kind: "rate-limit", policyName: "SECONDLY" }, path: "/objects/deals" });
    const accounts = await drain(connector.pullAccounts());
    const deals = await drain(connector.pullOpportunities());
    expect(new Set(ids(accounts.records)).size).toBe(1_000);
    expect(accounts.records.length).toBe(1_000);
    expect(new Set(ids(deals.records)).size).toBe(500);
    expect(deals.records.length).toBe(500);
    expect(emulator.faults.pending).toBe(0);
    expect(connector.stats().rateLimited).toBe(3);
  });

  it("a pull's signal ends a backoff wait at once, with the error that caused it", async () => {
    const seed = generateHubSpotSeed({ companies: 20, deals: 0, seed: 3 });
    // Backoffs that would never end on their own: only the signal can end this pull.
    const { emulator, connector } = await setup(seed, { sleep: () => new Promise(() => {}) });
    emulator.faults.inject({ fault: { kind: "server-error", status: 503 }, path: "/objects/companies" });
    const stop = new AbortController();
    const pending = drain(connector.pullAccounts({ signal: stop.signal }));
    while (connector.stats().retries === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await expect(pending).rejects.toMatchObject({ code: "provider_error" });
    expect(emulator.faults.fired).toMatchObject({ "server-error": 1 });
  });

  it("a pull's signal ends a call in flight at once (no wait for the request timeout)", async () => {
    const seed = generateHubSpotSeed({ companies: 20, deals: 0, seed: 3 });
    const { emulator, connector } = await setup(seed, { requestTimeoutMs: 600_000 });
    // An answer ten minutes away: only the signal can end this pull.
    emulator.faults.inject({ fault: { kind: "slow", delayMs: 600_000 }, path: "/objects/companies" });
    const stop = new AbortController();
    const pending = drain(connector.pullAccounts({ signal: stop.signal }));
    while (emulator.faults.fired.slow === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(connector.stats().retries).toBe(0);
  });

  it("times out a stalled call and retries it (requestTimeoutMs)", async () => {
    const seed = generateHubSpotSeed({ companies: 20, deals: 0, seed: 3 });
    const { connector, emulator } = await setup(seed, { requestTimeoutMs: 100 });
    emulator.faults.inject({ fault: { kind: "slow", delayMs: 1_000 }, path: "/objects/companies" });
    const accounts = await drain(connector.pullAccounts());
    expect(accounts.records.length).toBe(20);
    expect(emulator.faults.fired).toMatchObject({ slow: 1 });
    expect(connector.stats().retries).toBe(1);
  });

  it("installs through OAuth and refreshes an expired token mid-sync", async () => {
    const seed = generateHubSpotSeed({ companies: 450, deals: 0, seed: 1 });
    const clock = sharedClock();
    emulator = await startHubSpotEmulator({ seed, now: clock.now, oauth: { clientId: "cid", clientSecret: "cs", redirectUri: "http://127.0.0.1/cb" } });
    const app = { basePath: emulator.basePath, clientId: "cid", clientSecret: "cs", redirectUri: "http://127.0.0.1/cb" };
    const tokens = await exchangeAuthorizationCode(app, emulator.tokens.issueAuthorizationCode(), clock.now);
    const refreshed: string[] = [];
    const connector = createHubSpotConnector({
      auth: { kind: "oauth", clientId: "cid", clientSecret: "cs", ...tokens },
      basePath: emulator.basePath,
      limits: HUBSPOT_TIER_LIMITS.starter,
      indexLagMs: 0,
      now: clock.now,
      sleep: clock.sleep,
      onTokens: (t) => refreshed.push(t.accessToken),
    });
    const pages = connector.pullAccounts()[Symbol.asyncIterator]();
    const firstPage = await pages.next();
    emulator.tokens.expireAccessTokens();
    const records = [...(firstPage.value?.records ?? [])];
    for (let page = await pages.next(); !page.done; page = await pages.next()) records.push(...page.value.records);
    expect(new Set(ids(records)).size).toBe(450);
    expect(records.length).toBe(450);
    expect(refreshed).toHaveLength(1);
    await expect(exchangeAuthorizationCode(app, "not-a-code", clock.now)).rejects.toMatchObject({ code: "unauthorized" });
  });
});
