import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

export const DISCLOSURE_CHANNELS = ["api", "console", "export", "crm_push", "slack", "webhook"] as const;

/**
 * Disclosure audit log: one event each time data of `ownerOrgId` is shown or delivered to
 * `viewerOrgId` (who: the viewer org and user, what: the channel, counts revealed and the records
 * below, when: `occurredAt`). Ids of the partnership, user and accounts are plain text, not foreign
 * keys, so the log outlives what it talks about.
 */
export const disclosureEvents = sqliteTable(
  "disclosure_events",
  {
    id: text().primaryKey(),
    ownerOrgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    viewerOrgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    partnershipId: text(),
    viewerUserId: text(),
    channel: text({ enum: DISCLOSURE_CHANNELS }).notNull(),
    /** Population ids whose counts (and names) were revealed. */
    populationIds: text({ mode: "json" }).$type<string[]>().notNull(),
    recordCount: integer().notNull(),
    occurredAt: text().notNull(),
  },
  (t) => [index("disclosure_events_owner_idx").on(t.ownerOrgId, t.viewerOrgId, t.occurredAt)],
);

/** One record of the owner disclosed in an event, with exactly the fields shown. */
export const disclosureRecords = sqliteTable(
  "disclosure_records",
  {
    id: text().primaryKey(),
    eventId: text()
      .notNull()
      .references(() => disclosureEvents.id, { onDelete: "cascade" }),
    /** The owner's `accounts.id`. */
    accountId: text().notNull(),
    fields: text({ mode: "json" }).$type<string[]>().notNull(),
    populationIds: text({ mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [index("disclosure_records_event_idx").on(t.eventId), index("disclosure_records_account_idx").on(t.accountId)],
);
