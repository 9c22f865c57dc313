import { appendDomainEvents, createOrganization, getWebhookSubscription, listWebhookDeliveries, listWebhookDeliveryAttempts, openDatabase } from "@mutual/db";
import type { Database, DomainEventInput } from "@mutual/db";
import { createManualClock } from "@mutual/jobs";
import { createSecretBox, generateEncryptionKey, parseEncryptionKey } from "@mutual/secrets";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "./signature.ts";
import { startWebhookReceiver } from "./testing/webhook-receiver.ts";
import { createWebhookDeliverer } from "./webhook-deliverer.ts";

const T0 = new Date("2026-11-20T10:00:00.000Z");
const silentLogger = { info: () => {}, warn: () => {} };
const secretBox = createSecretBox([parseEncryptionKey(generateEncryptionKey())]);

describe("webhook delivery (loopback receiver)", () => {
  let database: Database;
  let clock: ReturnType<typeof createManualClock>;
  let receivers: Awaited<ReturnType<typeof startWebhookReceiver>>[];

  beforeEach(async () => {
    database = openDatabase({ file: ":memory:" });
    clock = createManualClock(T0);
    receivers = [];
    await createOrganization(database.db, { id: "acme", name: "Acme" }, { now: T0 });
  });
  afterEach(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    database.close();
  });

  async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]) {
    const started = await startWebhookReceiver(respond);
    receivers.push(started);
    return started;
  }

  function deliverer(overrides: Partial<Parameters<typeof createWebhookDeliverer>[0]> = {}) {
    return createWebhookDeliverer({ db: database.db, secretBox, clock, logger: silentLogger, random: () => 0, backoff: { baseMs: 1_000 }, timeoutMs: 2_000, allowPrivateNetworks: true, ...overrides });
  }

  function emit(events: DomainEventInput[]): string[] {
    return database.db.transaction((tx) => appendDomainEvents(tx, events, { now: clock.now() }));
  }

  const overlapCreated = (partnerOrgId = "globex"): DomainEventInput => ({
    type: "overlap.created",
    orgId: "acme",
    partnerOrgId,
    payload: { mineAccountId: "a1", partnerAccountId: "b1" },
  });

  it("fails a delivery whose secret can no longer be decrypted, and still delivers the others", async () => {
    const hook = await receiver();
    const rotatedAway = createSecretBox([parseEncryptionKey(generateEncryptionKey())]);
    // Subscribed while another key was configured; that key is gone now.
    await deliverer({ secretBox: rotatedAway }).subscribe({ orgId: "acme", url: hook.url, eventTypes: ["overlap.created"] });
    const webhooks = deliverer();
    const { subscription: healthy } = await webhooks.subscribe({ orgId: "acme", url: hook.url, eventTypes: ["overlap.created"] });
    emit([overlapCreated()]);

    expect(await webhooks.flush()).toEqual({ dispatched: 2, attempts: 2 });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.headers["mutual-delivery-id"]).toBe((await listWebhookDeliveries(database.db, { subscriptionId: healthy.id }))[0]!.id);
    const states = (await listWebhookDeliveries(database.db, {})).map((d) => d.state).sort();
    expect(states).toEqual(["failed", "succeeded"]);
  });

  it("delivers a body the receiver can verify with the subscription secret", async () => {
    const hook = await receiver();
    const webhooks = deliverer();
    const { secret, subscription } = await webhooks.subscribe({ orgId: "acme", url: hook.url, eventTypes: ["overlap.created"] });
    // Stored sealed, and never handed out again: the subscription returned carries no secret.
    const stored = await getWebhookSubscription(database.db, subscription.id);
    expect(stored.secret).not.toContain(secret.slice(6));
    expect(subscription).not.toHaveProperty("secret");
    const [eventId] = emit([overlapCreated()]);
    expect(await webhooks.flush()).toEqual({ dispatched: 1, attempts: 1 });

    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    const verified = verifyWebhookSignature({
      body: request!.body,
      header: request!.headers["mutual-signature"] as string,
      secret,
      nowSeconds: Math.floor(T0.getTime() / 1000),
    });
    expect(verified.ok).toBe(true);
    expect(request!.headers["mutual-event-id"]).toBe(eventId);
    expect(request!.headers["mutual-event-type"]).toBe("overlap.created");
    expect(JSON.parse(request!.body)).toEqual({
      id: eventId,
      type: "overlap.created",
      createdAt: T0.toISOString(),
      orgId: "acme",
      partnerOrgId: "globex",
      partnershipId: null,
      data: { mineAccountId: "a1", partnerAccountId: "b1" },
    });
    const [delivery] = await listWebhookDeliveries(database.db, { subscriptionId: subscription.id });
    expect(delivery).toMatchObject({ id: request!.headers["mutual-delivery-id"], state: "succeeded", attempts: 1, lastStatus: 200 });
  });

  it("routes by event type and partner filter", async () => {
    const hook = await receiver();
    const webhooks = deliverer();
    await webhooks.subscribe({ orgId: "acme", url: hook.url, eventTypes: ["overlap.removed"] });
    await webhooks.subscribe({ orgId: "acme", url: hook.url, eventTypes: ["*"], partnerOrgId: "initech" });
    emit([overlapCreated("globex"), overlapCreated("initech"), { ...overlapCreated("globex"), type: "overlap.removed" }]);
    await webhooks.flush();
    const received = hook.received.map((r) => JSON.parse(r.body) as { type: string; partnerOrgId: string });
    expect(received.map((r) => `${r.type}/${r.partnerOrgId}`).sort()).toEqual(["overlap.created/initech", "overlap.removed/globex"]);
  });

  it("retries 5xx and timeouts with backoff, logs every attempt, and gives up on other 4xx", async () => {
    const flaky = await receiver((_request, index) => (index === 0 ? 503 : index === 1 ? "hang" : 200));
    const rejecting = await receiver(() => 410);
    const webhooks = deliverer();
    const ok = await webhooks.subscribe({ orgId: "acme", url: flaky.url, eventTypes: ["*"] });
    const gone = await webhooks.subscribe({ orgId: "acme", url: rejecting.url, eventTypes: ["*"] });
    emit([overlapCreated()]);

    await webhooks.flush();
    expect(flaky.received).toHaveLength(1);
    clock.advance(999);
    expect(await webhooks.deliverDue()).toEqual([]); // backoff not elapsed
    clock.advance(1);
    expect((await webhooks.deliverDue())[0]).toMatchObject({ state: "pending", attempts: 2, lastStatus: null }); // timed out
    clock.advance(2_000);
    expect((await webhooks.deliverDue())[0]).toMatchObject({ state: "succeeded", attempts: 3, lastStatus: 200 });
    expect(flaky.processedDeliveryIds()).toHaveLength(1);

    const [okDelivery] = await listWebhookDeliveries(database.db, { subscriptionId: ok.subscription.id });
    const log = await listWebhookDeliveryAttempts(database.db, okDelivery!.id);
    expect(log.map((a) => [a.attempt, a.status, a.error?.split(":")[0] ?? null])).toEqual([
      [1, 503, null],
      [2, null, "TimeoutError"],
      [3, 200, null],
    ]);
    const [goneDelivery] = await listWebhookDeliveries(database.db, { subscriptionId: gone.subscription.id });
    expect(goneDelivery).toMatchObject({ state: "failed", attempts: 1, lastStatus: 410 });
    expect(rejecting.received).toHaveLength(1);
  });

  it("marks a delivery failed after maxAttempts", async () => {
    const down = await receiver(() => 500);
    const webhooks = deliverer({ maxAttempts: 3 });
    await webhooks.subscribe({ orgId: "acme", url: down.url, eventTypes: ["*"] });
    emit([overlapCreated()]);
    for (let i = 0; i < 5; i += 1) {
      await webhooks.flush();
      clock.advance(60_000);
    }
    expect(down.received).toHaveLength(3);
    expect((await listWebhookDeliveries(database.db))[0]).toMatchObject({ state: "failed", attempts: 3, lastStatus: 500 });
  });

  it("never delivers twice in effect after a crash between send and record", async () => {
    const hook = await receiver();
    let crash = true;
    const crashing = deliverer({
      afterSend: () => {
        if (crash) throw new Error("process killed after the receiver answered");
      },
    });
    await crashing.subscribe({ orgId: "acme", url: hook.url, eventTypes: ["*"] });
    emit([overlapCreated(), { ...overlapCreated(), type: "overlap.removed" }]);
    // A dispatcher that crashed after inserting deliveries re-dispatches: no duplicate delivery rows.
    await crashing.dispatch();
    await expect(crashing.deliverDue()).rejects.toThrow(/killed/);
    expect(hook.received).toHaveLength(1);

    // Restarted worker: the claimed delivery is retried only after its lease expires.
    crash = false;
    const restarted = deliverer();
    await restarted.flush();
    clock.advance(4_000); // lease = 2 x timeout
    await restarted.flush();
    expect(hook.received).toHaveLength(3); // one resend of the crashed delivery, one new
    expect(hook.processedDeliveryIds()).toHaveLength(2);
    const deliveries = await listWebhookDeliveries(database.db);
    expect(deliveries.map((d) => d.state)).toEqual(["succeeded", "succeeded"]);
    expect(new Set(hook.received.map((r) => r.headers["mutual-event-id"])).size).toBe(2);
    clock.advance(60_000);
    expect(await restarted.flush()).toEqual({ dispatched: 0, attempts: 0 });
    expect(hook.received).toHaveLength(3);
  });

  it("replays a finished delivery as a new delivery of the same event", async () => {
    const hook = await receiver();
    const webhooks = deliverer();
    await webhooks.subscribe({ orgId: "acme", url: hook.url, eventTypes: ["*"] });
    emit([overlapCreated()]);
    await webhooks.flush();
    const [original] = await listWebhookDeliveries(database.db);
    const replay = await webhooks.replay(original!.id);
    expect(replay).toMatchObject({ replayOf: original!.id, eventId: original!.eventId, state: "pending" });
    await expect(webhooks.replay(replay.id)).rejects.toMatchObject({ code: "conflict" });
    await webhooks.flush();
    expect(hook.received.map((r) => r.headers["mutual-delivery-id"])).toEqual([original!.id, replay.id]);
    expect(new Set(hook.received.map((r) => r.headers["mutual-event-id"])).size).toBe(1);
    expect(hook.received[0]!.body).toBe(hook.received[1]!.body);
  });

  it("lets an org manage only its own subscriptions: list, pause, delivery log, replay", async () => {
    await createOrganization(database.db, { id: "globex", name: "Globex" }, { now: T0 });
    const hook = await receiver((request) => (request.headers["mutual-event-type"] === "overlap.removed" ? 500 : 204));
    const webhooks = deliverer({ maxAttempts: 1 });
    const { subscription } = await webhooks.subscribe({ orgId: "acme", url: hook.url, eventTypes: ["*"] });
    const theirs = (await webhooks.subscribe({ orgId: "globex", url: hook.url, eventTypes: ["*"] })).subscription;

    expect((await webhooks.listSubscriptions("acme")).map((s) => s.id)).toEqual([subscription.id]);
    expect(await webhooks.listSubscriptions("acme")).not.toContainEqual(expect.objectContaining({ secret: expect.anything() }));
    emit([overlapCreated(), { ...overlapCreated(), type: "overlap.removed" }]);
    await webhooks.flush();

    const log = await webhooks.listDeliveries("acme", subscription.id);
    expect(log.map((d) => d.state).sort()).toEqual(["failed", "succeeded"]);
    const failed = log.find((d) => d.state === "failed")!;
    const { delivery, attempts } = await webhooks.getDelivery("acme", failed.id);
    expect(delivery.id).toBe(failed.id);
    expect(attempts.map((a) => a.status)).toEqual([500]);
    expect((await webhooks.replay(failed.id, { orgId: "acme" })).replayOf).toBe(failed.id);

    // Another org's subscription or delivery does not exist, as far as acme can tell.
    await expect(webhooks.listDeliveries("acme", theirs.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(webhooks.getDelivery("globex", failed.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(webhooks.replay(failed.id, { orgId: "globex" })).rejects.toMatchObject({ code: "not_found" });
    await expect(webhooks.setSubscriptionEnabled("globex", subscription.id, false)).rejects.toMatchObject({ code: "not_found" });

    // Paused: new events get no delivery until it is resumed.
    expect(await webhooks.setSubscriptionEnabled("acme", subscription.id, false)).toMatchObject({ enabled: false });
    await webhooks.flush();
    const sentBefore = hook.received.length;
    emit([overlapCreated()]);
    await webhooks.flush();
    expect(hook.received.length).toBe(sentBefore);
  });

  describe("network guard (fake resolver)", () => {
    const portOf = (url: string) => new URL(url).port;

    it("connects to the address the resolver returned, and refuses it when it is loopback", async () => {
      const hook = await receiver();
      const resolveHost = async () => [{ address: "127.0.0.1", family: 4 as const }];
      const hookUrl = `http://receiver.example:${portOf(hook.url)}/hooks`;
      const allowed = deliverer({ resolveHost });
      await allowed.subscribe({ orgId: "acme", url: hookUrl, eventTypes: ["*"] });
      emit([overlapCreated()]);
      await allowed.flush();
      expect(hook.received).toHaveLength(1); // the name reached 127.0.0.1 through the injected resolver

      await expect(deliverer({ resolveHost, allowPrivateNetworks: false }).subscribe({ orgId: "acme", url: hookUrl, eventTypes: ["*"] })).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining("loopback address 127.0.0.1"),
      });
    });

    it("rejects private, link-local, metadata and non-http URLs at subscribe time", async () => {
      const guarded = deliverer({ allowPrivateNetworks: false, resolveHost: async () => [{ address: "10.1.2.3", family: 4 }] });
      for (const url of ["http://hooks.internal/x", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/x", "http://[::ffff:192.168.0.1]/x", "ftp://example.com/x", "not a url"]) {
        await expect(guarded.subscribe({ orgId: "acme", url, eventTypes: ["*"] }), url).rejects.toMatchObject({ code: "invalid_input" });
      }
      const failing = deliverer({ allowPrivateNetworks: false, resolveHost: async () => Promise.reject(new Error("getaddrinfo ENOTFOUND")) });
      await expect(failing.subscribe({ orgId: "acme", url: "https://nowhere.example/x", eventTypes: ["*"] })).rejects.toMatchObject({ code: "invalid_input" });
    });

    it("refuses a host that re-resolves to a loopback address after subscribing (DNS rebinding), without retrying", async () => {
      const hook = await receiver();
      let calls = 0;
      // Public at subscribe time, loopback when the delivery connects.
      const resolveHost = async () => [{ address: calls++ === 0 ? "203.0.113.10" : "127.0.0.1", family: 4 as const }];
      const warnings: Array<{ fields: object; message: string }> = [];
      const webhooks = deliverer({ resolveHost, allowPrivateNetworks: false, logger: { info: () => {}, warn: (fields, message) => warnings.push({ fields, message }) } });
      const { subscription } = await webhooks.subscribe({ orgId: "acme", url: `http://rebind.example:${portOf(hook.url)}/hooks`, eventTypes: ["*"] });
      emit([overlapCreated()]);

      expect(await webhooks.flush()).toEqual({ dispatched: 1, attempts: 1 });
      clock.advance(60_000);
      expect(await webhooks.flush()).toEqual({ dispatched: 0, attempts: 0 });
      expect(hook.received).toHaveLength(0);
      const [delivery] = await listWebhookDeliveries(database.db, { subscriptionId: subscription.id });
      expect(delivery).toMatchObject({ state: "failed", attempts: 1, lastStatus: null });
      const [logged] = await listWebhookDeliveryAttempts(database.db, delivery!.id);
      expect(logged!.error).toContain("loopback address 127.0.0.1");
      expect(warnings).toEqual([{ fields: expect.objectContaining({ refused: true, next: "failed" }), message: "webhook delivery refused: receiver address is not public" }]);
    });
  });
});
