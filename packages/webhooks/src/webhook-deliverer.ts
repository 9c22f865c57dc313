import { AppError, isAppError } from "@mutual/core";
import {
  claimDueWebhookDeliveries,
  dispatchDomainEvents,
  getWebhookDelivery,
  getWebhookSubscription,
  insertWebhookSubscription,
  listWebhookDeliveries,
  listWebhookDeliveryAttempts,
  listWebhookSubscriptions,
  recordWebhookAttempt,
  replayWebhookDelivery,
  setWebhookSubscriptionEnabled,
} from "@mutual/db";
import type { ClaimedDelivery, Db, WebhookDeliveryAttemptRow, WebhookDeliveryRow, WebhookSubscriptionRow } from "@mutual/db";
import { computeBackoffDelay, systemClock } from "@mutual/jobs";
import type { BackoffOptions, Clock } from "@mutual/jobs";
import type { SecretBox } from "@mutual/secrets";
import { assertDeliverableUrl, assertLiteralHostAllowed, createGuardedLookup, parseWebhookUrl, resolveHostWithDns } from "./network-guard.ts";
import type { ResolveHost } from "./network-guard.ts";
import { postWebhook } from "./post-webhook.ts";
import { generateWebhookSecret, signWebhookPayload, WEBHOOK_HEADERS } from "./signature.ts";

export type WebhookLogger = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
};

export type WebhookDelivererOptions = {
  db: Db;
  /** Opens the sealed signing secrets. */
  secretBox: SecretBox;
  clock?: Clock;
  logger: WebhookLogger;
  /**
   * Allows receivers on loopback, private, link-local and metadata addresses (default false: refused at
   * subscribe time and at connect time). Only for tests and local development.
   */
  allowPrivateNetworks?: boolean;
  /** Resolves receiver host names (default node:dns lookup, all addresses); injectable to fake DNS in tests. */
  resolveHost?: ResolveHost;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Attempts before a delivery is marked failed (default 8). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  /**
   * Fault injection for tests: runs after the receiver answered and before the attempt is recorded
   * (where a crash makes the next sender deliver the same delivery id again).
   */
  afterSend?: (deliveryId: string) => void;
};

/** The JSON body of every delivery: the same bytes on every attempt of a delivery. */
export function buildWebhookBody(claimed: Pick<ClaimedDelivery, "event">): string {
  const { event } = claimed;
  return JSON.stringify({
    id: event.id,
    type: event.type,
    createdAt: event.occurredAt,
    orgId: event.orgId,
    partnerOrgId: event.partnerOrgId,
    partnershipId: event.partnershipId,
    data: event.payload,
  });
}

// 408 and 429 are the receiver asking us to come back later; other 4xx will not change on retry.
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Sealed secrets are bound to their subscription, so one cannot be copied onto another. */
function secretContext(subscriptionId: string): string {
  return `webhook-subscription:${subscriptionId}`;
}

/**
 * Outbound webhooks: subscriptions, dispatch of outbox events into deliveries, signed HTTP delivery
 * with retries, the delivery log and replay.
 *
 * Exactly-once in effect: each (event, subscription) gets one delivery row (unique key) whose id is
 * sent as `Mutual-Delivery-Id`. A delivery is retried until an attempt is recorded as answered, so
 * a crash after the receiver answered and before the record makes us send it again, with the same
 * id: at-least-once on the wire, and receivers that dedupe on `Mutual-Delivery-Id` process each
 * delivery exactly once. A replay is a new delivery (new id, same `Mutual-Event-Id`) on purpose.
 */
export function createWebhookDeliverer(options: WebhookDelivererOptions) {
  const { db, secretBox, logger } = options;
  const clock = options.clock ?? systemClock;
  const guard = { resolveHost: options.resolveHost ?? resolveHostWithDns, allowPrivateNetworks: options.allowPrivateNetworks ?? false };
  const lookup = createGuardedLookup(guard);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const random = options.random ?? Math.random;

  async function subscribe(input: {
    orgId: string;
    url: string;
    eventTypes: string[];
    partnerOrgId?: string;
    id?: string;
  }): Promise<{ subscription: WebhookSubscription; secret: string }> {
    await assertDeliverableUrl(input.url, guard);
    const id = input.id ?? crypto.randomUUID();
    const secret = generateWebhookSecret();
    const subscription = await insertWebhookSubscription(
      db,
      { ...input, id, sealedSecret: secretBox.encrypt(secret, secretContext(id)) },
      { now: clock.now() },
    );
    return { subscription: withoutSecret(subscription), secret };
  }

  /** Subscription `id` if `orgId` owns it; another org's is not_found, as if it did not exist. */
  async function ownSubscription(orgId: string, id: string): Promise<WebhookSubscriptionRow> {
    const subscription = await getWebhookSubscription(db, id);
    if (subscription.orgId !== orgId) throw new AppError("not_found", `webhook subscription ${id} not found`);
    return subscription;
  }

  /** Delivery `id` if it went to a subscription of `orgId`; else not_found. */
  async function ownDelivery(orgId: string, id: string): Promise<WebhookDeliveryRow> {
    const delivery = await getWebhookDelivery(db, id);
    const subscription = await getWebhookSubscription(db, delivery.subscriptionId);
    if (subscription.orgId !== orgId) throw new AppError("not_found", `webhook delivery ${id} not found`);
    return delivery;
  }

  async function attempt(claimed: ClaimedDelivery): Promise<WebhookDeliveryRow> {
    const { delivery, subscription, event } = claimed;
    const body = buildWebhookBody(claimed);
    const startedAt = clock.now();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const began = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    let responseSnippet: string | undefined;
    let secret: string | undefined;
    let refused = false;
    try {
      secret = secretBox.decrypt(subscription.secret, secretContext(subscription.id));
    } catch (caught) {
      // A secret sealed with a key that is no longer configured: this delivery cannot be signed, ever.
      // Fail it alone rather than stalling every delivery claimed with it.
      error = `cannot decrypt the subscription secret: ${(caught as Error).message}`;
    }
    if (secret !== undefined) {
      try {
        const url = parseWebhookUrl(subscription.url);
        assertLiteralHostAllowed(url, guard);
        const response = await postWebhook(url, {
          headers: {
            "content-type": "application/json",
            "user-agent": "Mutual-Webhooks/1",
            [WEBHOOK_HEADERS.signature]: signWebhookPayload({ secret, body, timestamp }),
            [WEBHOOK_HEADERS.deliveryId]: delivery.id,
            [WEBHOOK_HEADERS.eventId]: event.id,
            [WEBHOOK_HEADERS.eventType]: event.type,
          },
          body,
          timeoutMs,
          lookup,
          snippetChars: 500,
        });
        status = response.status;
        responseSnippet = response.snippet;
      } catch (caught) {
        // The network guard refused the receiver's address: retrying will not change that.
        refused = isAppError(caught) && caught.code === "invalid_input";
        error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
      }
      options.afterSend?.(delivery.id);
    }

    const attempts = delivery.attempts + 1;
    const ok = status !== undefined && status >= 200 && status < 300;
    const retryable =
      secret !== undefined && !refused && !ok && (status === undefined || isRetryableStatus(status)) && attempts < maxAttempts;
    const next = ok
      ? { state: "succeeded" as const }
      : retryable
        ? { state: "pending" as const, nextAttemptAt: new Date(clock.now().getTime() + computeBackoffDelay(attempts, options.backoff, random)) }
        : { state: "failed" as const };
    const durationMs = Math.max(0, Math.round(performance.now() - began));
    const recorded = await recordWebhookAttempt(db, { deliveryId: delivery.id, startedAt, durationMs, status, error, responseSnippet, next }, { now: clock.now() });
    const fields = { deliveryId: delivery.id, eventId: event.id, subscriptionId: subscription.id, attempt: attempts, status, error, ...(refused ? { refused: true } : {}) };
    if (ok) logger.info(fields, "webhook delivered");
    else logger.warn({ ...fields, next: next.state }, refused ? "webhook delivery refused: receiver address is not public" : "webhook delivery failed");
    return recorded;
  }

  /** Sends every due delivery (claiming them first), one at a time, oldest first. */
  async function deliverDue(limit = 50): Promise<WebhookDeliveryRow[]> {
    const claimed = await claimDueWebhookDeliveries(db, { now: clock.now(), leaseMs: timeoutMs * 2, limit });
    const results: WebhookDeliveryRow[] = [];
    for (const item of claimed) results.push(await attempt(item));
    return results;
  }

  return {
    subscribe,
    /** Outbox -> deliveries (idempotent per event + subscription). */
    dispatch: (limit?: number) => dispatchDomainEvents(db, { now: clock.now(), limit }),
    deliverDue,
    /** Dispatch then deliver until nothing is due now. */
    async flush(): Promise<{ dispatched: number; attempts: number }> {
      let dispatched = 0;
      let attempts = 0;
      for (;;) {
        const { deliveries } = await dispatchDomainEvents(db, { now: clock.now() });
        dispatched += deliveries;
        const sent = await deliverDue();
        attempts += sent.length;
        if (deliveries === 0 && sent.length === 0) return { dispatched, attempts };
      }
    },
    /** An org's subscriptions, oldest first, without their sealed secrets. */
    async listSubscriptions(orgId: string): Promise<WebhookSubscription[]> {
      return (await listWebhookSubscriptions(db, orgId)).map(withoutSecret);
    },
    /** Pauses or resumes one of an org's subscriptions (a paused one gets no new deliveries). */
    async setSubscriptionEnabled(orgId: string, id: string, enabled: boolean): Promise<WebhookSubscription> {
      await ownSubscription(orgId, id);
      await setWebhookSubscriptionEnabled(db, id, enabled, { now: clock.now() });
      return withoutSecret(await getWebhookSubscription(db, id));
    },
    /** The delivery log of one of an org's subscriptions, newest first. */
    async listDeliveries(
      orgId: string,
      subscriptionId: string,
      filter: { state?: WebhookDeliveryRow["state"]; limit?: number } = {},
    ): Promise<WebhookDeliveryRow[]> {
      await ownSubscription(orgId, subscriptionId);
      return listWebhookDeliveries(db, { ...filter, subscriptionId });
    },
    /** One of an org's deliveries with every HTTP attempt, first attempt first. */
    async getDelivery(orgId: string, id: string): Promise<{ delivery: WebhookDeliveryRow; attempts: WebhookDeliveryAttemptRow[] }> {
      const delivery = await ownDelivery(orgId, id);
      return { delivery, attempts: await listWebhookDeliveryAttempts(db, id) };
    },
    /**
     * Replays a delivery from the console/API: a new delivery of the same event, sent on the next run. With
     * `scope`, only a delivery of that org's subscriptions (another's is not_found).
     */
    async replay(deliveryId: string, scope?: { orgId: string }): Promise<WebhookDeliveryRow> {
      const original = scope ? await ownDelivery(scope.orgId, deliveryId) : await getWebhookDelivery(db, deliveryId);
      if (original.state === "pending") {
        throw new AppError("conflict", `delivery ${deliveryId} is still pending; replay it once it finished`);
      }
      return replayWebhookDelivery(db, deliveryId, { now: clock.now() });
    },
  };
}

export type WebhookDeliverer = ReturnType<typeof createWebhookDeliverer>;

/** A subscription as its org sees it: everything but the sealed signing secret (shown once, at creation). */
export type WebhookSubscription = Omit<WebhookSubscriptionRow, "secret">;

function withoutSecret(row: WebhookSubscriptionRow): WebhookSubscription {
  const { secret: _sealed, ...subscription } = row;
  return subscription;
}
