import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadHubSpotSpecValidator, type SpecProblem, type SpecValidator } from "./openapi-validator.ts";
import { startHubSpotEmulator, type HubSpotEmulator, type HubSpotExchange } from "./server.ts";
import type { HubSpotSeed } from "./types.ts";

const T0 = Date.parse("2026-11-01T00:00:00.000Z");

/** 250 companies modified one minute apart; 40 deals on companies 1..40, deal 1040 has no company. */
function buildSeed(): HubSpotSeed {
  const minute = (i: number) => new Date(T0 + i * 60_000).toISOString();
  const companies = Array.from({ length: 250 }, (_, i) => ({
    id: String(i + 1),
    properties: { name: `Company ${i + 1}`, domain: `company${i + 1}.example`, lifecyclestage: "lead" },
    createdAt: minute(0),
    updatedAt: minute(i),
  }));
  const deals = Array.from({ length: 41 }, (_, i) => ({
    id: String(1000 + i),
    properties: { dealname: `Deal ${i}`, amount: String(1000 * i), dealstage: "appointmentscheduled", pipeline: "default" },
    createdAt: minute(0),
    updatedAt: minute(i),
    companyIds: i === 40 ? [] : [String(i + 1)],
  }));
  return { companies, deals };
}

let validator: SpecValidator;
const exchanges: HubSpotExchange[] = [];
let clock = T0 + 86_400_000;
let emulator: HubSpotEmulator;

beforeAll(async () => {
  validator = await loadHubSpotSpecValidator();
});

async function start(options: Parameters<typeof startHubSpotEmulator>[0] = {}) {
  emulator = await startHubSpotEmulator({
    seed: buildSeed(),
    now: () => clock,
    onExchange: (exchange) => exchanges.push(exchange),
    ...options,
  });
  return emulator;
}

afterEach(async () => {
  await emulator?.close();
  // Everything served, successes and errors alike, must match HubSpot's OpenAPI files.
  const problems: SpecProblem[] = exchanges.flatMap((e) => validator.check(e) ?? []);
  exchanges.length = 0;
  expect(problems).toEqual([]);
});

afterAll(() => {
  exchanges.length = 0;
});

async function call(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = init.token === undefined ? emulator.accessToken : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${emulator.basePath}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const searchBody = (extra: Record<string, unknown>) => ({
  after: "0",
  filterGroups: [],
  limit: 100,
  properties: ["name"],
  sorts: ["hs_object_id"],
  ...extra,
});

describe("objects", () => {
  it("pages a list with `after` and returns every record once", async () => {
    await start();
    const seen: string[] = [];
    let after: string | undefined;
    let calls = 0;
    do {
      const page = await call(`/crm/v3/objects/companies?limit=100&properties=name,domain${after ? `&after=${after}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.results.map((r: { id: string }) => r.id));
      after = page.body.paging?.next?.after;
      calls++;
    } while (after);
    expect(calls).toBe(3);
    expect(new Set(seen).size).toBe(250);
    expect(seen[0]).toBe("1");
  });

  it("searches by hs_lastmodifieddate with sorts and offset paging", async () => {
    await start();
    const since = String(T0 + 200 * 60_000);
    const first = await call("/crm/v3/objects/companies/search", {
      body: searchBody({
        filterGroups: [{ filters: [{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: since }] }],
        sorts: ["-hs_lastmodifieddate"],
        limit: 30,
      }),
    });
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(50);
    expect(first.body.results[0].id).toBe("250");
    expect(first.body.paging.next.after).toBe("30");
    const second = await call("/crm/v3/objects/companies/search", {
      body: searchBody({
        filterGroups: [{ filters: [{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: since }] }],
        sorts: ["-hs_lastmodifieddate"],
        limit: 30,
        after: "30",
      }),
    });
    expect(second.body.results).toHaveLength(20);
    expect(second.body.paging).toBeUndefined();
  });

  it("refuses to page past 10,000 search results and rejects unknown filter properties", async () => {
    await start();
    const capped = await call("/crm/v3/objects/companies/search", { body: searchBody({ after: "9950", limit: 100 }) });
    expect(capped.status).toBe(400);
    expect(capped.body.category).toBe("VALIDATION_ERROR");
    const unknown = await call("/crm/v3/objects/companies/search", {
      body: searchBody({ filterGroups: [{ filters: [{ propertyName: "nope", operator: "EQ", value: "1" }] }] }),
    });
    expect(unknown.status).toBe(400);
  });

  it("batch-reads with a 207 naming missing ids", async () => {
    await start();
    const read = await call("/crm/v3/objects/companies/batch/read", {
      body: { inputs: [{ id: "1" }, { id: "99999" }], properties: ["name"], propertiesWithHistory: [] },
    });
    expect(read.status).toBe(207);
    expect(read.body.results.map((r: { id: string }) => r.id)).toEqual(["1"]);
    expect(read.body.errors[0].context.ids).toEqual(["99999"]);
  });

  it("batch-updates, failing per record in a 207 and whole batches on unknown properties", async () => {
    await start();
    emulator.faults.inject({ fault: { kind: "record-errors", ids: ["2"] }, path: "/batch/update" });
    clock += 1000;
    const update = await call("/crm/v3/objects/companies/batch/update", {
      body: {
        inputs: [
          { id: "1", properties: { lifecyclestage: "customer" } },
          { id: "2", properties: { lifecyclestage: "customer" } },
          { id: "3", properties: { lifecyclestage: "not-an-option" } },
          { id: "77777", properties: { lifecyclestage: "customer" } },
        ],
      },
    });
    expect(update.status).toBe(207);
    expect(update.body.results.map((r: { id: string }) => r.id)).toEqual(["1"]);
    expect(update.body.errors.flatMap((e: { context: { ids: string[] } }) => e.context.ids).sort()).toEqual(["2", "3", "77777"]);
    expect(emulator.store.get("companies", "1")?.properties.lifecyclestage).toBe("customer");
    expect(emulator.store.get("companies", "1")?.updatedAt).toBe(clock);
    expect(emulator.store.get("companies", "2")?.properties.lifecyclestage).toBe("lead");
    const unknown = await call("/crm/v3/objects/companies/batch/update", {
      body: { inputs: [{ id: "1", properties: { no_such_property: "x" } }] },
    });
    expect(unknown.status).toBe(400);
  });

  it("lists archived records separately", async () => {
    await start();
    emulator.store.archive("companies", "5");
    const live = await call("/crm/v3/objects/companies?limit=100");
    expect(live.body.results.some((r: { id: string }) => r.id === "5")).toBe(false);
    const archived = await call("/crm/v3/objects/companies?limit=100&archived=true");
    expect(archived.body.results).toMatchObject([{ id: "5", archived: true }]);
  });
});

describe("properties and associations", () => {
  it("creates a group and a property, and answers 409 when they already exist", async () => {
    await start();
    const group = { name: "mutual", label: "Mutual", displayOrder: -1 };
    expect((await call("/crm/v3/properties/companies/groups", { body: group })).status).toBe(201);
    expect((await call("/crm/v3/properties/companies/groups", { body: group })).status).toBe(409);
    const property = { name: "mutual_overlaps", label: "Overlaps", type: "number", fieldType: "number", groupName: "mutual" };
    expect((await call("/crm/v3/properties/companies", { body: property })).status).toBe(201);
    const again = await call("/crm/v3/properties/companies", { body: property });
    expect(again.status).toBe(409);
    expect(again.body.category).toBe("OBJECT_ALREADY_EXISTS");
    const all = await call("/crm/v3/properties/companies");
    expect(all.body.results.map((p: { name: string }) => p.name)).toContain("mutual_overlaps");
    expect((await call("/crm/v3/properties/companies/mutual_overlaps")).body.groupName).toBe("mutual");
    expect((await call("/crm/v3/properties/companies/groups")).body.results).toHaveLength(2);
  });

  it("batch-reads deal -> company associations, 207 for deals without one", async () => {
    await start();
    const read = await call("/crm/v4/associations/deals/companies/batch/read", {
      body: { inputs: [{ id: "1000" }, { id: "1040" }] },
    });
    expect(read.status).toBe(207);
    expect(read.body.results).toMatchObject([{ from: { id: "1000" }, to: [{ toObjectId: "1" }] }]);
    expect(read.body.errors[0].context.ids).toEqual(["1040"]);
  });
});

describe("auth", () => {
  it("exchanges an authorization code, refreshes, and rejects expired tokens", async () => {
    await start({ oauth: { clientId: "id", clientSecret: "secret", redirectUri: "http://127.0.0.1/cb" } });
    const form = (fields: Record<string, string>) =>
      fetch(`${emulator.basePath}/oauth/v1/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
    const code = emulator.tokens.issueAuthorizationCode();
    const base = { client_id: "id", client_secret: "secret", redirect_uri: "http://127.0.0.1/cb" };
    const installed = await form({ ...base, grant_type: "authorization_code", code });
    expect(installed.status).toBe(200);
    expect(installed.body.expires_in).toBe(1800);
    expect((await form({ ...base, grant_type: "authorization_code", code })).body.status).toBe("BAD_AUTH_CODE");
    expect((await call("/crm/v3/objects/companies", { token: installed.body.access_token })).status).toBe(200);
    clock += 1801 * 1000;
    const expired = await call("/crm/v3/objects/companies", { token: installed.body.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body.category).toBe("EXPIRED_AUTHENTICATION");
    const refreshed = await form({ ...base, grant_type: "refresh_token", refresh_token: installed.body.refresh_token ?? "" });
    expect((await call("/crm/v3/objects/companies", { token: refreshed.body.access_token })).status).toBe(200);
    expect((await call("/crm/v3/objects/companies", { token: null })).body.category).toBe("INVALID_AUTHENTICATION");
  });
});

describe("rate limits and faults", () => {
  it("enforces the rolling 10-second burst with a TEN_SECONDLY_ROLLING 429", async () => {
    await start({ limits: { burstPerTenSeconds: 3, searchPerSecond: 1, daily: 6 } });
    for (let i = 0; i < 3; i++) expect((await call("/crm/v3/objects/companies")).status).toBe(200);
    const limited = await call("/crm/v3/objects/companies");
    expect(limited.status).toBe(429);
    expect(limited.body.policyName).toBe("TEN_SECONDLY_ROLLING");
    expect(limited.headers.get("retry-after")).toBe("10");
    clock += 10_000;
    const ok = await call("/crm/v3/objects/companies");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-hubspot-ratelimit-remaining")).toBe("2");
    expect((await call("/crm/v3/objects/companies/search", { body: searchBody({}) })).status).toBe(200);
    const search = await call("/crm/v3/objects/companies/search", { body: searchBody({}) });
    expect(search.body.policyName).toBe("SECONDLY");
    clock += 1000;
    expect((await call("/crm/v3/objects/companies/search", { body: searchBody({}) })).status).toBe(200);
    clock += 10_000;
    const daily = await call("/crm/v3/objects/companies");
    expect(daily.body.policyName).toBe("DAILY");
    expect(emulator.stats.rateLimited).toBe(3);
  });

  it("injects 429s, server errors, slow answers and dropped connections", async () => {
    await start();
    emulator.faults.inject({ fault: { kind: "rate-limit", policyName: "TEN_SECONDLY_ROLLING", retryAfterSeconds: 2 } });
    emulator.faults.inject({ fault: { kind: "server-error", status: 503 } });
    emulator.faults.inject({ fault: { kind: "slow", delayMs: 20 } });
    emulator.faults.inject({ fault: { kind: "drop" } });
    const limited = await call("/crm/v3/objects/companies");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "2"]);
    expect((await call("/crm/v3/objects/companies")).status).toBe(503);
    expect((await call("/crm/v3/objects/companies")).status).toBe(200);
    await expect(call("/crm/v3/objects/companies")).rejects.toThrow();
    expect((await call("/crm/v3/objects/companies")).status).toBe(200);
    expect(emulator.faults.fired).toMatchObject({ "rate-limit": 1, "server-error": 1, slow: 1, drop: 1 });
  });
});
