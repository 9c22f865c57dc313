import type { Account, Opportunity } from "@mutual/core";
import { afterEach, describe, expect, it } from "vitest";
import type { SalesforceEmulator } from "@mutual/emulators";
import { createStore, liveIds, pullAll, startEmulatorAndConnector } from "./test-support.ts";

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("SalesforceConnector pull (real jsforce against the emulator)", () => {
  it("pulls every account and opportunity over REST paging, then nothing when unchanged", async () => {
    const started = await startEmulatorAndConnector({ accounts: 500, opportunities: 900, seed: 3, queryBatchSize: 200 });
    emulator = started.emulator;
    const accounts = createStore<Account>();
    const opps = createStore<Opportunity>();
    await pullAll(started.connector, accounts, opps);
    expect(accounts.records.size).toBe(500);
    expect(accounts.delivered).toBe(500);
    expect(new Set(accounts.records.keys())).toEqual(liveIds(emulator, "Account"));
    expect(opps.records.size).toBe(900);
    expect(opps.delivered).toBe(900);
    const sample = [...accounts.records.values()].find((a) => a.website && a.ownerEmail);
    expect(sample?.ownerEmail).toMatch(/@example\.com$/);
    const won = [...opps.records.values()].find((o) => o.isWon);
    expect(won).toMatchObject({ isClosed: true, stage: "Closed Won" });
    expect(won?.currency).toMatch(/^[A-Z]{3}$/);
    // The standard LeadSource picklist comes through where the record has one.
    expect([...opps.records.values()].some((o) => o.leadSource === "Partner Referral")).toBe(true);

    const before = emulator.apiUsage().used;
    accounts.delivered = 0;
    opps.delivered = 0;
    await pullAll(started.connector, accounts, opps);
    expect(emulator.apiUsage().used - before).toBeLessThanOrEqual(3);
    expect(accounts.delivered + opps.delivered).toBe(0);
  });

  it("picks up edits and deletions incrementally, ties on SystemModstamp included", async () => {
    const started = await startEmulatorAndConnector({ accounts: 300, opportunities: 300, seed: 5 });
    emulator = started.emulator;
    const accounts = createStore<Account>();
    const opps = createStore<Opportunity>();
    await pullAll(started.connector, accounts, opps);

    const ids = [...accounts.records.keys()];
    // Several edits in the same second share a SystemModstamp: the Id tie-breaker keeps them all.
    for (const id of ids.slice(0, 5)) emulator.org.update("Account", id, { Website: `https://edited-${id}.example` });
    emulator.org.remove("Account", ids[10] as string);
    const oppId = [...opps.records.keys()][0] as string;
    emulator.org.remove("Opportunity", oppId);
    accounts.delivered = 0;
    await pullAll(started.connector, accounts, opps);
    expect(accounts.delivered).toBe(5);
    expect(accounts.records.get(ids[0] as string)?.website).toBe(`https://edited-${ids[0]}.example`);
    expect(accounts.records.has(ids[10] as string)).toBe(false);
    expect(opps.records.has(oppId)).toBe(false);
    expect(new Set(accounts.records.keys())).toEqual(liveIds(emulator, "Account"));
    expect(new Set(opps.records.keys())).toEqual(liveIds(emulator, "Opportunity"));
  });

  it("switches to Bulk API 2.0 for large deltas and reads every result page", async () => {
    const started = await startEmulatorAndConnector(
      { accounts: 2500, opportunities: 100, seed: 9, bulkResultPageSize: 700 },
      { bulkQueryThreshold: 1000, bulkResultPageSize: 700 },
    );
    emulator = started.emulator;
    const accounts = createStore<Account>();
    const opps = createStore<Opportunity>();
    await pullAll(started.connector, accounts, opps);
    expect(accounts.records.size).toBe(2500);
    expect(accounts.delivered).toBe(2500);
    expect(opps.records.size).toBe(100);
    // The checkpoint after a bulk pull is the newest record, so an unchanged org costs one call per object.
    const before = emulator.apiUsage().used;
    await pullAll(started.connector, accounts, opps);
    expect(emulator.apiUsage().used - before).toBe(2);
  });

  it("a pull's signal ends a request in flight at once (no wait for the request timeout)", async () => {
    const started = await startEmulatorAndConnector({ accounts: 50, opportunities: 0, seed: 4 }, {}, 600_000);
    emulator = started.emulator;
    // An answer ten minutes away: only the signal can end this pull.
    emulator.injectFault({ fault: { kind: "slow", delayMs: 600_000 }, match: /\/query/ });
    const stop = new AbortController();
    const first = started.connector.pullAccounts({ signal: stop.signal })[Symbol.asyncIterator]().next();
    while (started.connector.apiCalls === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // The query has reached the emulator, which holds its answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
  });

  it("a pull's signal stops it while a bulk job is still running (no wait for the 10-minute polling limit) and aborts the job", async () => {
    const started = await startEmulatorAndConnector(
      // The emulator leaves the job pending for an hour; the connector polls every 5 ms until stopped.
      { accounts: 1500, opportunities: 0, seed: 4, queryBatchSize: 500, bulkProcessingDelayMs: 3_600_000 },
      { bulkQueryThreshold: 1000 },
    );
    emulator = started.emulator;
    const stop = new AbortController();
    const polls = () => emulator!.apiUsage().used;
    const first = started.connector.pullAccounts({ signal: stop.signal })[Symbol.asyncIterator]().next();
    const before = polls();
    while (polls() < before + 3) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    // The job is aborted on Salesforce too, not left to run on in the org.
    expect(emulator.bulkJobs()).toEqual([expect.objectContaining({ kind: "query", state: "Aborted" })]);
  });
});
