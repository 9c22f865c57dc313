import { index, integer, real, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { organizations } from "./organizations.ts";

/**
 * Canonical opportunities per org and source. `accountSourceId` is the account id as the source wrote
 * it; `accountId` is our account once resolved (null while the account is unknown).
 * Money: `amount` in major units of `currency` (real), as in the core model.
 */
export const opportunities = sqliteTable(
  "opportunities",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    source: text().notNull(),
    sourceId: text().notNull(),
    accountSourceId: text().notNull(),
    accountId: text().references(() => accounts.id, { onDelete: "set null" }),
    name: text().notNull(),
    stage: text().notNull(),
    amount: real(),
    currency: text(),
    /** The source's own creation date of the opportunity (date or ISO timestamp). */
    sourceCreatedAt: text(),
    closeDate: text(),
    isClosed: integer({ mode: "boolean" }).notNull(),
    isWon: integer({ mode: "boolean" }).notNull(),
    ownerEmail: text(),
    /** Partner id as written in the source record (not a foreign key). */
    partnerId: text(),
    /** The CRM's lead source as written (e.g. "Partner Referral"); attribution's sourced rule reads it. */
    leadSource: text(),
    contentHash: text().notNull(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
    deletedAt: text(),
  },
  (t) => [
    unique("opportunities_org_source_source_id_uq").on(t.orgId, t.source, t.sourceId),
    index("opportunities_account_idx").on(t.accountId),
    index("opportunities_org_updated_idx").on(t.orgId, t.updatedAt),
  ],
);
