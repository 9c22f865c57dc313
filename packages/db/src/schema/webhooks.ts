import { isNull } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

export const WEBHOOK_DELIVERY_STATES = ["pending", "succeeded", "failed"] as const;

/** An org's outbound webhook endpoint: event types, optional partner filter, sealed signing secret. */
export const webhookSubscriptions = sqliteTable(
  "webhook_subscriptions",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    url: text().notNull(),
    eventTypes: text({ mode: "json" }).$type<string[]>().notNull(),
    /** Only events about this partner org; null for every partner. */
    partnerOrgId: text(),
    /** The signing secret as an encrypted envelope (@mutual/secrets). */
    secret: text().notNull(),
    enabled: integer({ mode: "boolean" }).notNull(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
  },
  (t) => [index("webhook_subscriptions_org_idx").on(t.orgId)],
);

/**
 * One event for one subscription; `id` is the `Mutual-Delivery-Id` receivers dedupe on. Automatic
 * deliveries are unique per event + subscription (the idempotency key); replays are new rows.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(),
    subscriptionId: text()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    eventId: text().notNull(),
    replayOf: text(),
    state: text({ enum: WEBHOOK_DELIVERY_STATES }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: text().notNull(),
    leaseExpiresAt: text(),
    lastStatus: integer(),
    lastError: text(),
    createdAt: text().notNull(),
    deliveredAt: text(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_subscription_uq").on(t.eventId, t.subscriptionId).where(isNull(t.replayOf)),
    index("webhook_deliveries_due_idx").on(t.state, t.nextAttemptAt),
  ],
);

/** The delivery log: one row per HTTP attempt. */
export const webhookDeliveryAttempts = sqliteTable(
  "webhook_delivery_attempts",
  {
    id: text().primaryKey(),
    deliveryId: text()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    startedAt: text().notNull(),
    durationMs: integer().notNull(),
    status: integer(),
    error: text(),
    responseSnippet: text(),
  },
  (t) => [index("webhook_delivery_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);
