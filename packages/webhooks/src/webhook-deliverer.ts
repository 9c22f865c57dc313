import { AppError, isAppError } from "@mutual/core";
import {
  claimDueWebhookDeliveries,
  dispatchDomainEvents,
  getWebhookDelivery,
  insertWebhookSubscription,
  recordWebhookAttempt,
  replayWebhookDelivery,
} from "@mutual/db";
import type { ClaimedDelivery, Db, WebhookDeliveryRow, WebhookSubscriptionRow } from "@mutual/db";
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
  }): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
    await assertDeliverableUrl(input.url, guard);
    const id = input.id ?? crypto.randomUUID();
    const secret = generateWebhookSecret();
    const subscription = await insertWebhookSubscription(
      db,
      { ...input, id, sealedSecret: secretBox.encrypt(secret, secretContext(id)) },
      { now: clock.now() },
    );
    return { subscription, secret };
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
    /** Replays a delivery from the console/API: a new delivery of the same event, sent on the next run. */
    async replay(deliveryId: string): Promise<WebhookDeliveryRow> {
      const original = await getWebhookDelivery(db, deliveryId);
      if (original.state === "pending") {
        throw new AppError("conflict", `delivery ${deliveryId} is still pending; replay it once it finished`);
      }
      return replayWebhookDelivery(db, deliveryId, { now: clock.now() });
    },
  };
}

export type WebhookDeliverer = ReturnType<typeof createWebhookDeliverer>;
