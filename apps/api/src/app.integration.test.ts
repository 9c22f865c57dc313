import type { Account, Opportunity } from "@mutual/core";
import { appendDomainEvents, createApiToken, listAccounts, listOpportunities, listPartners, openDatabase, upsertAccounts, upsertOpportunities } from "@mutual/db";
import type { Database } from "@mutual/db";
import {
  acceptInvitation,
  createOrganizationWithAdmin,
  inviteOrganization,
  setSharingRule,
} from "@mutual/services";
import { createSecretBox, parseEncryptionKey } from "@mutual/secrets";
import { createWebhookDeliverer, verifyWebhookSignature } from "@mutual/webhooks";
import type { WebhookDeliverer } from "@mutual/webhooks";
import { startWebhookReceiver } from "@mutual/webhooks/testing";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, MAX_BODY_BYTES } from "./app.ts";

const NOW = new Date("2026-11-20T10:00:00.000Z");

function company(id: string, name: string, extra: Partial<Account> = {}): Account {
  return { id, name, website: `https://www.${name.toLowerCase().replace(/[^a-z0-9]/g, "")}.com`, ...extra };
}

interface World {
  database: Database;
  app: ReturnType<typeof createApp>;
  /** The app's webhook deliverer: tests flush it as the worker would. */
  webhooks: WebhookDeliverer;
  token: string;
  globexToken: string;
  partnerId: string;
  orgId: string;
  accountId: (sourceId: string) => Promise<string>;
  opportunityId: (sourceId: string) => Promise<string>;
}

/** Acme (token holder) partnered with Globex, which shares its customers with name and tier. */
async function buildWorld(): Promise<World> {
  const database = openDatabase({ file: ":memory:" });
  const ctx = { db: database.db, now: () => NOW };
  const acme = await createOrganizationWithAdmin(ctx, { name: "Acme", admin: { email: "admin@acme.test" } });
  const globex = await createOrganizationWithAdmin(ctx, { name: "Globex", admin: { email: "admin@globex.test" } });
  await upsertAccounts(database.db, acme.organization.id, "csv", [company("a1", "Initech", { icpScore: 90 }), company("a2", "Hooli", { icpScore: 75 })], { now: NOW });
  const opps: Opportunity[] = [
    { id: "o1", accountId: "a1", name: "Initech deal", stage: "Open", isClosed: false, isWon: false, amount: 1200, currency: "USD", createdAt: "2026-11-01" },
    { id: "o2", accountId: "a2", name: "Hooli deal", stage: "Won", isClosed: true, isWon: true, amount: 800, currency: "EUR", createdAt: "2026-08-01", closeDate: "2026-10-10", partnerId: "Globex" },
  ];
  await upsertOpportunities(database.db, acme.organization.id, "csv", opps, { now: NOW });
  await upsertAccounts(database.db, globex.organization.id, "csv", [company("g1", "Initech", { status: "customer", tier: "Gold" })], { now: NOW });
  const customers = globex.populations.find((p) => p.standardKey === "customers")!;
  await setSharingRule(ctx, { actorUserId: globex.admin.id, populationId: customers.id, level: "overlaps", fieldAllowlist: ["name", "tier"] });
  const partnership = await inviteOrganization(ctx, { actorUserId: acme.admin.id, inviteeOrgId: globex.organization.id });
  await acceptInvitation(ctx, { actorUserId: globex.admin.id, partnershipId: partnership.id });
  const partnerId = (await listPartners(database.db, acme.organization.id))[0]!.id;
  const { token } = await createApiToken(database.db, { orgId: acme.organization.id, name: "console" });
  const { token: globexToken } = await createApiToken(database.db, { orgId: globex.organization.id, name: "console" });
  const orgId = acme.organization.id;
  const logger = pino({ level: "silent" });
  // A fixed test key; receivers in these tests listen on loopback.
  const secretBox = createSecretBox([parseEncryptionKey("b".repeat(64))]);
  const webhooks = createWebhookDeliverer({ db: database.db, secretBox, logger, clock: { now: () => NOW }, allowPrivateNetworks: true, maxAttempts: 1 });
  return {
    database,
    app: createApp({ db: database.db, logger, webhooks, now: () => NOW }),
    webhooks,
    token,
    globexToken,
    partnerId,
    orgId,
    accountId: async (sourceId) => (await listAccounts(database.db, orgId)).find((row) => row.sourceId === sourceId)!.id,
    opportunityId: async (sourceId) => (await listOpportunities(database.db, orgId)).find((row) => row.sourceId === sourceId)!.id,
  };
}

describe("API (app.request, SQLite in memory + migrations)", () => {
  let world: World;
  beforeEach(async () => {
    world = await buildWorld();
  });
  afterEach(() => world.database.close());

  async function call(method: string, path: string, body?: unknown, token = world.token) {
    const response = await world.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it("needs a valid bearer token and shapes errors in one format", async () => {
    const missing = await world.app.request("/v1/cosell/config");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "unauthorized", requestId: expect.any(String) } });
    expect((await call("GET", "/v1/cosell/config", undefined, "mut_wrong")).status).toBe(401);
    expect(await call("GET", "/v1/nothing-here")).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await world.app.request("/health")).status).toBe(200);
  });

  it("gets and puts the co-sell config, validating the body", async () => {
    const initial = await call("GET", "/v1/cosell/config");
    expect(initial).toMatchObject({ status: 200, body: { orgCurrency: "USD", cosell: { minIcp: 70, weights: { customer: 0.35 } } } });
    const saved = await call("PUT", "/v1/cosell/config", {
      settings: { cosell: { minIcp: 60 }, attribution: { influenceMode: "overlap" } },
      exchangeRates: [{ currency: "EUR", validFrom: "2026-10-01", validTo: "2026-10-31", rate: 1.1 }],
    });
    expect(saved).toMatchObject({ status: 200, body: { cosell: { minIcp: 60 }, exchangeRates: [{ currency: "EUR", rate: 1.1 }] } });
    const bad = await call("PUT", "/v1/cosell/config", { settings: { cosell: { minIcp: 500 } } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "invalid_input" } } });
    expect(bad.body.error.details.join("\n")).toContain("settings.cosell.minIcp");
    expect(await call("PUT", "/v1/cosell/config", "{not json")).toMatchObject({ status: 400, body: { error: { message: "request body is not valid JSON" } } });
    const oversized = await call("PUT", "/v1/cosell/config", JSON.stringify({ settings: {}, padding: "x".repeat(MAX_BODY_BYTES) }));
    expect(oversized).toMatchObject({ status: 400, body: { error: { code: "invalid_input", message: `request body is larger than ${MAX_BODY_BYTES} bytes` } } });
  });

  it("serves the shortlist per partner with full-precision scores and quadrant advice", async () => {
    const { status, body } = await call("GET", `/v1/partners/${world.partnerId}/cosell-shortlist`);
    expect(status).toBe(200);
    const initech = body.entries.find((e: { name: string }) => e.name === "Initech");
    // customer 0.35 + Gold 2 x 0.2; open opportunities are not shared.
    expect(initech.cosellScore).toBeCloseTo(0.75, 12);
    expect(initech.best.completeness).toBe("partial");
    expect(initech).toMatchObject({ quadrant: "cosell_first", advice: "ask the partner for an intro and co-sell first" });
    expect((await call("GET", "/v1/partners/nope/cosell-shortlist")).status).toBe(404);
    expect((await call("GET", `/v1/partners/${world.partnerId}/cosell-shortlist?icp=abc`)).status).toBe(400);
  });

  it("records engagements, recomputes, reports per period, and handles overrides, review queue and tags", async () => {
    const engagement = await call("POST", "/v1/engagements", {
      partnerId: world.partnerId,
      accountId: await world.accountId("a1"),
      kind: "slack_action",
      at: "2026-11-12",
    });
    expect(engagement).toMatchObject({ status: 201, body: { kind: "slack_action", createdBy: "api-token:console" } });
    expect((await call("POST", "/v1/engagements", { partnerId: world.partnerId, kind: "call" })).status).toBe(400);
    const referral = await call("POST", "/v1/referrals", {
      partnerId: world.partnerId,
      accountId: await world.accountId("a1"),
      kind: "introduction",
      acceptedAt: "2026-10-20",
    });
    expect(referral.status).toBe(201);

    expect(await call("POST", "/v1/attribution/recompute")).toMatchObject({ status: 200, body: { opportunities: 2, flagged: 1 } });

    const report = await call("GET", "/v1/attribution/report?period=quarter");
    expect(report.body.rows).toMatchObject([{ partnerName: "Globex", period: "2026-Q4", sourcedPipelineMinor: 120000 }]);
    // The EUR deal has no rate: left out, with why.
    expect(report.body.excluded).toMatchObject([{ reason: "no EUR->USD rate for 2026-10-10" }]);
    const monthly = await call("GET", "/v1/attribution/report?period=month&from=2026-11-01&to=2026-11-30");
    expect(monthly.body.rows.map((r: { period: string }) => r.period)).toEqual(["2026-11"]);
    expect((await call("GET", "/v1/attribution/report?period=week")).status).toBe(400);

    const o1 = await world.opportunityId("o1");
    const attribution = await call("GET", `/v1/opportunities/${o1}/attribution`);
    expect(attribution.body.credits[0]).toMatchObject({ kind: "sourced", partnerId: world.partnerId });

    const override = await call("POST", `/v1/opportunities/${o1}/attribution-override`, {
      credits: [{ partnerId: world.partnerId, kind: "influenced" }],
      reason: "intro came after the deal was qualified",
    });
    expect(override).toMatchObject({ status: 201, body: { origin: "override", override: { by: "api-token:console" } } });
    expect((await call("POST", `/v1/opportunities/${o1}/attribution-override`, { credits: [], reason: "" })).status).toBe(400);

    const tag = await call("PUT", `/v1/opportunities/${o1}/tag`, { partnerId: world.partnerId, notes: "joint pitch" });
    expect(tag.body).toMatchObject({ tag: { origin: "manual", notes: "joint pitch" }, manual: { by: "api-token:console" } });
    expect((await call("GET", `/v1/opportunities/${o1}/tag`)).body.tag).toMatchObject({ origin: "manual" });
    const cleared = await call("PUT", `/v1/opportunities/${o1}/tag`, { partnerId: null });
    expect(cleared.body).toMatchObject({ manual: null, tag: { origin: "computed" } });

    // Another org's token cannot read or write this opportunity.
    expect((await call("GET", `/v1/opportunities/${o1}/tag`, undefined, world.globexToken)).status).toBe(404);

    expect(await call("GET", "/v1/attribution/review-queue")).toMatchObject({ status: 200, body: { items: [] } });
    expect((await call("POST", "/v1/attribution/review-queue/missing", { status: "resolved", resolution: "ok" })).status).toBe(404);
  });

  it("lists and resolves review items", async () => {
    // Partner field names an unknown partner: goes to the review queue.
    await upsertOpportunities(
      world.database.db,
      world.orgId,
      "csv",
      [{ id: "o3", accountId: "a1", name: "Odd", stage: "Open", isClosed: false, isWon: false, partnerId: "Umbrella Corp", createdAt: "2026-11-01" }],
      { now: NOW },
    );
    await call("POST", "/v1/attribution/recompute");
    const queue = await call("GET", "/v1/attribution/review-queue");
    expect(queue.body.items).toMatchObject([{ kind: "unknown_partner", status: "open" }]);
    const resolved = await call("POST", `/v1/attribution/review-queue/${queue.body.items[0].id}`, { status: "dismissed", resolution: "test record" });
    expect(resolved).toMatchObject({ status: 200, body: { status: "dismissed", resolvedBy: "api-token:console" } });
    expect((await call("POST", `/v1/attribution/review-queue/${queue.body.items[0].id}`, { status: "resolved", resolution: "again" })).status).toBe(409);
  });

  it("sizes partner opportunities from counts", async () => {
    const perPartner = await call("GET", "/v1/sizing?introToDemo=0.5&demoToDeal=0.5&dealSize=1000");
    expect(perPartner.body.sizings).toMatchObject([{ partnerName: "Globex", overlaps: 1, demos: 0, deals: 0 }]);
    const given = await call("GET", "/v1/sizing?overlaps=40&introToDemo=0.25&demoToDeal=0.5&dealSize=1000");
    expect(given.body.sizings).toEqual([{ overlaps: 40, demos: 10, deals: 5, pipeline: 5000 }]);
    expect((await call("GET", "/v1/sizing?introToDemo=2&demoToDeal=0.5&dealSize=1")).status).toBe(400);
  });

  it("answers 500 without internals when something unexpected fails", async () => {
    world.database.close();
    const response = await call("GET", "/v1/cosell/config");
    expect(response).toMatchObject({ status: 500, body: { error: { code: "internal", message: "internal error", details: [] } } });
    world.database = openDatabase({ file: ":memory:" }); // afterEach closes this one
  });

  it("lets an org subscribe to webhooks, read the delivery log and replay a delivery; another org sees none of it", async () => {
    const receiver = await startWebhookReceiver((request) => (request.headers["mutual-event-type"] === "overlap.removed" ? 503 : 204));
    try {
      const bad = await call("POST", "/v1/webhooks", { url: "ftp://example.com/hook", eventTypes: ["overlap.made_up"], extra: 1 });
      expect(bad).toMatchObject({ status: 400, body: { error: { code: "invalid_input" } } });
      expect(bad.body.error.details.join("\n")).toMatch(/url[\s\S]*eventTypes[.]0[\s\S]*extra/);

      const created = await call("POST", "/v1/webhooks", { url: receiver.url, eventTypes: ["*"] });
      expect(created).toMatchObject({ status: 201, body: { secret: expect.stringMatching(/^whsec_/), subscription: { orgId: world.orgId, enabled: true } } });
      expect(created.body.subscription).not.toHaveProperty("secret");
      const subscriptionId: string = created.body.subscription.id;
      expect((await call("GET", "/v1/webhooks")).body.subscriptions.map((s: { id: string }) => s.id)).toEqual([subscriptionId]);

      // The worker's part: events in the outbox, then dispatch and send.
      const event = { orgId: world.orgId, payload: { mineAccountId: "a1", partnerAccountId: "g1" } };
      world.database.db.transaction((tx) =>
        appendDomainEvents(tx, [{ ...event, type: "overlap.created" }, { ...event, type: "overlap.removed" }], { now: NOW }),
      );
      await world.webhooks.flush();
      const signed = receiver.received.find((r) => r.headers["mutual-event-type"] === "overlap.created")!;
      expect(verifyWebhookSignature({ body: signed.body, header: String(signed.headers["mutual-signature"]), secret: created.body.secret, nowSeconds: NOW.getTime() / 1000 })).toMatchObject({ ok: true });

      const log = await call("GET", `/v1/webhooks/${subscriptionId}/deliveries?state=failed`);
      expect(log.status).toBe(200);
      expect(log.body.deliveries).toHaveLength(1);
      const failedId: string = log.body.deliveries[0].id;
      const detail = await call("GET", `/v1/webhook-deliveries/${failedId}`);
      expect(detail).toMatchObject({ status: 200, body: { delivery: { id: failedId, state: "failed" }, attempts: [{ attempt: 1, status: 503 }] } });
      const replay = await call("POST", `/v1/webhook-deliveries/${failedId}/replay`);
      expect(replay).toMatchObject({ status: 202, body: { delivery: { replayOf: failedId, state: "pending" } } });
      expect((await call("GET", `/v1/webhooks/${subscriptionId}/deliveries?limit=x`)).status).toBe(400);

      // Globex's token: acme's subscription and deliveries do not exist.
      expect((await call("GET", "/v1/webhooks", undefined, world.globexToken)).body.subscriptions).toEqual([]);
      for (const [method, path] of [
        ["GET", `/v1/webhooks/${subscriptionId}/deliveries`],
        ["GET", `/v1/webhook-deliveries/${failedId}`],
        ["POST", `/v1/webhook-deliveries/${failedId}/replay`],
      ] as const) {
        expect(await call(method, path, undefined, world.globexToken)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
      }
      expect((await call("PATCH", `/v1/webhooks/${subscriptionId}`, { enabled: false }, world.globexToken)).status).toBe(404);

      const paused = await call("PATCH", `/v1/webhooks/${subscriptionId}`, { enabled: false });
      expect(paused).toMatchObject({ status: 200, body: { id: subscriptionId, enabled: false } });
    } finally {
      await receiver.close();
    }
  });
});
