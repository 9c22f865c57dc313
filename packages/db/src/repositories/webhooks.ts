import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import { and, asc, desc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { splitIntoBatches } from "../internal/batches.ts";
import { parseInput } from "../internal/validate-input.ts";
import { domainEvents } from "../schema/domain-events.ts";
import { webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from "../schema/webhooks.ts";

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttemptRow = typeof webhookDeliveryAttempts.$inferSelect;
export type DomainEventRecord = typeof domainEvents.$inferSelect;

export const CreateWebhookSubscriptionInputSchema = z.object({
  id: z.string().min(1).optional(),
  orgId: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  /** Event types, or ["*"] for all. */
  eventTypes: z.array(z.string().min(1)).min(1),
  partnerOrgId: z.string().min(1).optional(),
  /** The signing secret, already sealed by the caller. */
  sealedSecret: z.string().min(1),
  enabled: z.boolean().default(true),
});
export type CreateWebhookSubscriptionInput = z.input<typeof CreateWebhookSubscriptionInputSchema>;

export async function insertWebhookSubscription(
  db: Db,
  input: CreateWebhookSubscriptionInput,
  options: { now: Date },
): Promise<WebhookSubscriptionRow> {
  const parsed = parseInput(CreateWebhookSubscriptionInputSchema, input, "webhook subscription");
  const now = options.now.toISOString();
  const [row] = await db
    .insert(webhookSubscriptions)
    .values({
      id: parsed.id ?? randomUUID(),
      orgId: parsed.orgId,
      url: parsed.url,
      eventTypes: parsed.eventTypes,
      partnerOrgId: parsed.partnerOrgId ?? null,
      secret: parsed.sealedSecret,
      enabled: parsed.enabled,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function getWebhookSubscription(db: Db, id: string): Promise<WebhookSubscriptionRow> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw new AppError("not_found", `webhook subscription ${id} not found`);
  return row;
}

export async function listWebhookSubscriptions(db: Db, orgId: string): Promise<WebhookSubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.orgId, orgId)).orderBy(asc(webhookSubscriptions.createdAt));
}

export async function setWebhookSubscriptionEnabled(db: Db, id: string, enabled: boolean, options: { now: Date }): Promise<void> {
  const rows = await db
    .update(webhookSubscriptions)
    .set({ enabled, updatedAt: options.now.toISOString() })
    .where(eq(webhookSubscriptions.id, id))
    .returning({ id: webhookSubscriptions.id });
  if (rows.length === 0) throw new AppError("not_found", `webhook subscription ${id} not found`);
}

function subscriptionWants(subscription: WebhookSubscriptionRow, event: DomainEventRecord): boolean {
  const typeMatches = subscription.eventTypes.includes("*") || subscription.eventTypes.includes(event.type);
  const partnerMatches = subscription.partnerOrgId === null || subscription.partnerOrgId === event.partnerOrgId;
  return typeMatches && partnerMatches;
}

/**
 * Turns undispatched outbox events into one pending delivery per matching subscription and marks
 * them dispatched, in one transaction. The delivery's unique (event, subscription) key makes a
 * repeated dispatch harmless.
 */
export async function dispatchDomainEvents(db: Db, options: { now: Date; limit?: number }): Promise<{ events: number; deliveries: number }> {
  const now = options.now.toISOString();
  return db.transaction((tx) => {
    const events = tx
      .select()
      .from(domainEvents)
      .where(isNull(domainEvents.dispatchedAt))
      .orderBy(asc(domainEvents.seq))
      .limit(options.limit ?? 500)
      .all();
    if (events.length === 0) return { events: 0, deliveries: 0 };
    const orgIds = [...new Set(events.map((event) => event.orgId))];
    const subscriptions = tx
      .select()
      .from(webhookSubscriptions)
      .where(and(inArray(webhookSubscriptions.orgId, orgIds), eq(webhookSubscriptions.enabled, true)))
      .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id))
      .all();
    let deliveries = 0;
    for (const event of events) {
      for (const subscription of subscriptions) {
        if (subscription.orgId !== event.orgId || !subscriptionWants(subscription, event)) continue;
        const inserted = tx
          .insert(webhookDeliveries)
          .values({
            id: randomUUID(),
            subscriptionId: subscription.id,
            eventId: event.id,
            state: "pending",
            nextAttemptAt: now,
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: webhookDeliveries.id })
          .all();
        deliveries += inserted.length;
      }
    }
    for (const batch of splitIntoBatches(events.map((event) => event.id))) {
      tx.update(domainEvents).set({ dispatchedAt: now }).where(inArray(domainEvents.id, batch)).run();
    }
    return { events: events.length, deliveries };
  }, WRITE_TRANSACTION);
}

export type ClaimedDelivery = {
  delivery: WebhookDeliveryRow;
  subscription: WebhookSubscriptionRow;
  event: DomainEventRecord;
};

/**
 * Claims due pending deliveries for `leaseMs` (a sender that dies mid-request leaves the lease to
 * expire; the delivery is then sent again with the same id, which receivers dedupe).
 */
export async function claimDueWebhookDeliveries(
  db: Db,
  options: { now: Date; leaseMs: number; limit?: number },
): Promise<ClaimedDelivery[]> {
  const now = options.now.toISOString();
  const leaseExpiresAt = new Date(options.now.getTime() + options.leaseMs).toISOString();
  return db.transaction((tx) => {
    const rows = tx
      .select({ delivery: webhookDeliveries, subscription: webhookSubscriptions, event: domainEvents })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .innerJoin(domainEvents, eq(domainEvents.id, webhookDeliveries.eventId))
      .where(
        and(
          eq(webhookDeliveries.state, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          or(isNull(webhookDeliveries.leaseExpiresAt), lte(webhookDeliveries.leaseExpiresAt, now)),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(domainEvents.seq), asc(webhookDeliveries.id))
      .limit(options.limit ?? 50)
      .all();
    for (const row of rows) {
      tx.update(webhookDeliveries).set({ leaseExpiresAt }).where(eq(webhookDeliveries.id, row.delivery.id)).run();
      row.delivery.leaseExpiresAt = leaseExpiresAt;
    }
    return rows;
  }, WRITE_TRANSACTION);
}

export const RecordWebhookAttemptInputSchema = z.object({
  deliveryId: z.string().min(1),
  startedAt: z.date(),
  durationMs: z.number().int().nonnegative(),
  status: z.number().int().optional(),
  error: z.string().optional(),
  responseSnippet: z.string().optional(),
  /** What happens next: done, retry at a time, or give up. */
  next: z.union([
    z.object({ state: z.literal("succeeded") }),
    z.object({ state: z.literal("pending"), nextAttemptAt: z.date() }),
    z.object({ state: z.literal("failed") }),
  ]),
});
export type RecordWebhookAttemptInput = z.input<typeof RecordWebhookAttemptInputSchema>;

/** Logs one HTTP attempt and moves the delivery on, in one transaction. */
export async function recordWebhookAttempt(db: Db, input: RecordWebhookAttemptInput, options: { now: Date }): Promise<WebhookDeliveryRow> {
  const parsed = parseInput(RecordWebhookAttemptInputSchema, input, "webhook attempt");
  const now = options.now.toISOString();
  return db.transaction((tx) => {
    const current = tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, parsed.deliveryId)).get();
    if (!current) throw new AppError("not_found", `webhook delivery ${parsed.deliveryId} not found`);
    const attempt = current.attempts + 1;
    tx.insert(webhookDeliveryAttempts)
      .values({
        id: randomUUID(),
        deliveryId: parsed.deliveryId,
        attempt,
        startedAt: parsed.startedAt.toISOString(),
        durationMs: parsed.durationMs,
        status: parsed.status ?? null,
        error: parsed.error ?? null,
        responseSnippet: parsed.responseSnippet ?? null,
      })
      .run();
    return tx
      .update(webhookDeliveries)
      .set({
        state: parsed.next.state,
        attempts: attempt,
        nextAttemptAt: parsed.next.state === "pending" ? parsed.next.nextAttemptAt.toISOString() : current.nextAttemptAt,
        leaseExpiresAt: null,
        lastStatus: parsed.status ?? null,
        lastError: parsed.error ?? null,
        deliveredAt: parsed.next.state === "succeeded" ? now : null,
      })
      .where(eq(webhookDeliveries.id, parsed.deliveryId))
      .returning()
      .get()!;
  }, WRITE_TRANSACTION);
}

export async function getWebhookDelivery(db: Db, id: string): Promise<WebhookDeliveryRow> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  if (!row) throw new AppError("not_found", `webhook delivery ${id} not found`);
  return row;
}

/** Deliveries newest first, by subscription, event or state. */
export async function listWebhookDeliveries(
  db: Db,
  filter: { subscriptionId?: string; eventId?: string; state?: WebhookDeliveryRow["state"]; limit?: number } = {},
): Promise<WebhookDeliveryRow[]> {
  const conditions: SQL[] = [];
  if (filter.subscriptionId !== undefined) conditions.push(eq(webhookDeliveries.subscriptionId, filter.subscriptionId));
  if (filter.eventId !== undefined) conditions.push(eq(webhookDeliveries.eventId, filter.eventId));
  if (filter.state !== undefined) conditions.push(eq(webhookDeliveries.state, filter.state));
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))
    .limit(filter.limit ?? 100);
}

/** The delivery log of one delivery, first attempt first. */
export async function listWebhookDeliveryAttempts(db: Db, deliveryId: string): Promise<WebhookDeliveryAttemptRow[]> {
  return db
    .select()
    .from(webhookDeliveryAttempts)
    .where(eq(webhookDeliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookDeliveryAttempts.attempt));
}

/** Queues a replay: a new delivery (new id) of the same event to the same subscription. */
export async function replayWebhookDelivery(db: Db, deliveryId: string, options: { now: Date }): Promise<WebhookDeliveryRow> {
  const original = await getWebhookDelivery(db, deliveryId);
  const now = options.now.toISOString();
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      id: randomUUID(),
      subscriptionId: original.subscriptionId,
      eventId: original.eventId,
      replayOf: original.id,
      state: "pending",
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning();
  return row!;
}
