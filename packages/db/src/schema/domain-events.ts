import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const DOMAIN_EVENT_TYPES = [
  "overlap.created",
  "overlap.removed",
  "overlap.population_changed",
  "partner_opportunity.created",
  "partner_opportunity.won",
] as const;

/**
 * The transactional outbox (issue 7): events are inserted in the same transaction as the state change
 * they describe; a dispatcher turns undispatched ones into deliveries and sets `dispatchedAt`.
 */
export const domainEvents = sqliteTable(
  "domain_events",
  {
    /** Insertion order, for dispatching in order. */
    seq: integer().primaryKey({ autoIncrement: true }),
    id: text().notNull().unique(),
    orgId: text().notNull(),
    type: text({ enum: DOMAIN_EVENT_TYPES }).notNull(),
    /** The partner org the event concerns (subscriptions may filter on it). */
    partnerOrgId: text(),
    partnershipId: text(),
    payload: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    occurredAt: text().notNull(),
    dispatchedAt: text(),
  },
  (t) => [index("domain_events_dispatched_idx").on(t.dispatchedAt, t.seq), index("domain_events_org_idx").on(t.orgId, t.seq)],
);
