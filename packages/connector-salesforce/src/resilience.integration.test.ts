import type { Account, Opportunity } from "@mutual/core";
import { isConnectorError, type QuotaEvent } from "@mutual/connector-kit";
import { afterEach, describe, expect, it } from "vitest";
import { startSalesforceEmulator, type FaultRule, type SalesforceEmulator } from "@mutual/emulators";
import { createSalesforceConnection, exchangeAuthorizationCode, type SalesforceTokens } from "./connection.ts";
import { SalesforceConnector } from "./salesforce-connector.ts";
import { createStore, liveIds, pullAll, startEmulatorAndConnector } from "./test-support.ts";

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Pulls until done, resuming from the stored checkpoint after each resumable error. */
async function syncWithResume(connector: SalesforceConnector, onError: (error: unknown) => void) {
  const accounts = createStore<Account>();
  const opps = createStore<Opportunity>();
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await pullAll(connector, accounts, opps);
      return { accounts, opps };
    } catch (error) {
      onError(error);
    }
  }
  throw new Error("sync did not finish after 5 resumes");
}

describe("auth flows", () => {
  it("authorization code: refreshes and keeps rotated refresh tokens across repeated expiry", async () => {
    emulator = await startSalesforceEmulator({ accounts: 600, opportunities: 10, queryBatchSize: 200 });
    const client = { loginUrl: emulator.url, clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret, redirectUri: "https://app.example/callback" };
    const tokens = await exchangeAuthorizationCode(client, emulator.issueAuthorizationCode(client.redirectUri));
    expect(tokens.refreshToken).toBeTruthy();
    const seen: SalesforceTokens[] = [];
    const connection = await createSalesforceConnection({ kind: "oauth", client, tokens }, { onTokens: (t) => seen.push(t) });
    const connector = new SalesforceConnector({ connection });
    // Sessions expire before the 2nd and 3rd result pages: two refreshes, each rotating the refresh token.
    emulator.injectFault({ fault: { kind: "expire_session" }, match: /\/query\//, times: 2 });
    const accounts = createStore<Account>();
    const opps = createStore<Opportunity>();
    await pullAll(connector, accounts, opps);
    expect(accounts.records.size).toBe(600);
    expect(accounts.delivered).toBe(600);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.refreshToken).not.toBe(tokens.refreshToken);
    expect(seen[1]?.refreshToken).not.toBe(seen[0]?.refreshToken);
  });

  it("JWT bearer: signs an assertion, and signs a new one when the token expires", async () => {
    let now = Date.parse("2026-11-20T10:00:00Z");
    emulator = await startSalesforceEmulator({ accounts: 50, now: () => now, tokenTtlMs: 60_000 });
    const client = { loginUrl: emulator.url, clientId: emulator.credentials.clientId };
    const seen: SalesforceTokens[] = [];
    const connection = await createSalesforceConnection(
      { kind: "jwt", client, username: emulator.credentials.username, privateKey: emulator.credentials.jwtPrivateKey },
      { onTokens: (t) => seen.push(t) },
    );
    const connector = new SalesforceConnector({ connection });
    expect((await connector.describe("account")).providerName).toBe("Account");
    now += 120_000; // token expired
    const accounts = createStore<Account>();
    for await (const page of connector.pullAccounts()) for (const a of page.records) accounts.records.set(a.id, a);
    expect(accounts.records.size).toBe(50);
    expect(seen).toHaveLength(2);
  });

  it("a revoked refresh token ends with a clear auth_expired error", async () => {
    emulator = await startSalesforceEmulator({ accounts: 5 });
    const client = { loginUrl: emulator.url, clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret, redirectUri: "https://app.example/cb" };
    const tokens = await exchangeAuthorizationCode(client, emulator.issueAuthorizationCode(client.redirectUri));
    const connection = await createSalesforceConnection({ kind: "oauth", client, tokens: { ...tokens, refreshToken: "revoked" } });
    const connector = new SalesforceConnector({ connection });
    emulator.expireAllSessions();
    await expect(connector.describe("account")).rejects.toMatchObject({ code: "auth_expired", message: expect.stringContaining("reconnect") });
  });
});

const TRANSIENT: [string, FaultRule][] = [
  ["503 Service Unavailable", { fault: { kind: "server_error", status: 503 }, match: /\/query/, times: 2, after: 1 }],
  ["500 Internal Server Error", { fault: { kind: "server_error", status: 500 }, match: /\/query/, times: 1, after: 2 }],
  ["dropped connection", { fault: { kind: "drop" }, match: /\/query/, times: 2, after: 1 }],
  ["slow response", { fault: { kind: "slow", delayMs: 150 }, match: /\/query/, times: 3 }],
  ["expired session", { fault: { kind: "expire_session" }, match: /\/query/, times: 1, after: 2 }],
  ["dropped bulk result page", { fault: { kind: "drop" }, match: /\/results/, times: 1, after: 1 }],
];

describe("faults: the sync finishes with every record exactly once", () => {
  it.each(TRANSIENT)("%s", async (_name, rule) => {
    const started = await startEmulatorAndConnector(
      { accounts: 1500, opportunities: 400, queryBatchSize: 200, bulkResultPageSize: 400 },
      { bulkQueryThreshold: 1000, bulkResultPageSize: 400 },
    );
    emulator = started.emulator;
    emulator.injectFault(rule);
    const errors: unknown[] = [];
    const { accounts, opps } = await syncWithResume(started.connector, (e) => errors.push(e));
    expect(errors).toEqual([]);
    expect(new Set(accounts.records.keys())).toEqual(liveIds(emulator, "Account"));
    expect(accounts.delivered).toBe(1500);
    expect(new Set(opps.records.keys())).toEqual(liveIds(emulator, "Opportunity"));
    expect(opps.delivered).toBe(400);
  });

  it("a stalled request times out and is retried", async () => {
    const started = await startEmulatorAndConnector({ accounts: 300, opportunities: 100, queryBatchSize: 200 }, {}, 200);
    emulator = started.emulator;
    emulator.injectFault({ fault: { kind: "slow", delayMs: 2_000 }, match: /\/query/, times: 1, after: 1 });
    const errors: unknown[] = [];
    const { accounts, opps } = await syncWithResume(started.connector, (e) => errors.push(e));
    expect(errors).toEqual([]);
    expect(accounts.delivered).toBe(300);
    expect(opps.delivered).toBe(100);
  });

  it("REQUEST_LIMIT_EXCEEDED stops with a resumable quota error; resuming loses and repeats nothing", async () => {
    const started = await startEmulatorAndConnector({ accounts: 900, opportunities: 300, queryBatchSize: 200 });
    emulator = started.emulator;
    emulator.injectFault({ fault: { kind: "request_limit" }, match: /\/query\//, after: 2 });
    const errors: unknown[] = [];
    const { accounts, opps } = await syncWithResume(started.connector, (e) => errors.push(e));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "quota_exhausted", message: expect.stringContaining("resume") });
    expect(isConnectorError(errors[0]) && errors[0].retryable).toBe(false);
    expect(accounts.records.size).toBe(900);
    expect(accounts.delivered).toBe(900);
    expect(opps.delivered).toBe(300);
  });

  it("concurrency limit: parallel pulls are throttled and retried", async () => {
    const started = await startEmulatorAndConnector({ accounts: 800, opportunities: 800, queryBatchSize: 200, maxConcurrent: 1 });
    emulator = started.emulator;
    emulator.injectFault({ fault: { kind: "slow", delayMs: 30 }, match: /\/query/, times: 20 });
    const accounts = createStore<Account>();
    const opps = createStore<Opportunity>();
    const { drain } = await import("./test-support.ts");
    await Promise.all([drain(started.connector.pullAccounts(), accounts), drain(started.connector.pullOpportunities(), opps)]);
    expect(accounts.delivered).toBe(800);
    expect(opps.delivered).toBe(800);
  });
});

describe("quota guard", () => {
  it("pauses before the threshold of the daily allowance and says so; resumes later from the checkpoint", async () => {
    const events: QuotaEvent[] = [];
    const started = await startEmulatorAndConnector(
      { accounts: 3000, opportunities: 0, queryBatchSize: 200, dailyApiLimit: 1000 },
      { quota: { pauseAt: 0.8, maxSlowDelayMs: 1, onEvent: (e) => events.push(e) } },
    );
    emulator = started.emulator;
    emulator.setApiUsage(790);
    const errors: unknown[] = [];
    const accounts = createStore<Account>();
    const opps = createStore<Opportunity>();
    await pullAll(started.connector, accounts, opps).catch((e: unknown) => errors.push(e));
    expect(errors[0]).toMatchObject({ code: "quota_exhausted", message: expect.stringMatching(/sync paused: salesforce API usage 800\/1000 \(80\.0%\) reached the 80% threshold/) });
    expect(events.some((e) => e.type === "slowing")).toBe(true);
    expect(events.at(-1)?.type).toBe("paused");
    expect(emulator.apiUsage().used).toBeLessThanOrEqual(800);
    expect(accounts.records.size).toBeGreaterThan(0);
    expect(accounts.records.size).toBeLessThan(3000);

    emulator.setApiUsage(0); // the rolling 24-hour window has moved on
    await pullAll(started.connector, accounts, opps);
    expect(accounts.records.size).toBe(3000);
    expect(accounts.delivered).toBe(3000);
  });

  it("a pull's signal ends the usage re-read near the threshold at once", async () => {
    const started = await startEmulatorAndConnector(
      { accounts: 1000, opportunities: 0, queryBatchSize: 200, dailyApiLimit: 1000 },
      { quota: { pauseAt: 0.8, maxSlowDelayMs: 1 } },
      600_000,
    );
    emulator = started.emulator;
    emulator.setApiUsage(799);
    // The re-read of /limits the guard makes before pausing answers in ten minutes: only the signal ends it.
    emulator.injectFault({ fault: { kind: "slow", delayMs: 600_000 }, match: /\/limits/ });
    const stop = new AbortController();
    const first = started.connector.pullAccounts({ signal: stop.signal })[Symbol.asyncIterator]();
    await first.next(); // one page; the org now reports 800 of 1,000 calls used
    const second = first.next();
    while (started.connector.apiCalls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await expect(second).rejects.toMatchObject({ name: "AbortError" });
  });
});
