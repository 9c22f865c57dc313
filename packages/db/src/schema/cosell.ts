import { index, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";
import { partners } from "./partners.ts";

/**
 * issue 8: per-org co-sell and attribution settings (weights, tier table, windows, split...), one
 * JSON document per org validated by the repository; absent row = the defaults.
 */
export const cosellSettings = sqliteTable("cosell_settings", {
  orgId: text()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  settings: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
  updatedAt: text().notNull(),
});

/**
 * Admin-supplied exchange rates: 1 unit of `currency` = `rate` units of the org currency for close
 * dates from `validFrom` to `validTo` inclusive. One row per currency and period.
 */
export const exchangeRates = sqliteTable(
  "exchange_rates",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    currency: text().notNull(),
    validFrom: text().notNull(),
    validTo: text().notNull(),
    rate: real().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [uniqueIndex("exchange_rates_period_uq").on(t.orgId, t.currency, t.validFrom, t.validTo)],
);

/** What my side knows about a partner beyond its name: type and partner manager, for tags. */
export const partnerProfiles = sqliteTable(
  "partner_profiles",
  {
    partnerId: text()
      .primaryKey()
      .references(() => partners.id, { onDelete: "cascade" }),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    type: text(),
    manager: text(),
    updatedAt: text().notNull(),
  },
  (t) => [index("partner_profiles_org_idx").on(t.orgId)],
);
