import { index, real, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";
import { partners } from "./partners.ts";

/**
 * Canonical accounts per org and source. `sourceId` is the source's own id; `id` is ours.
 * `domain` is the registrable domain of `website` (filled by the repository) for matching look-ups;
 * `contentHash` lets bulk upserts skip rows whose content did not change.
 * `offlinePartnerId` is set on an offline partner's list that `orgId` uploaded: those rows are the
 * partner's accounts, not the org's own, and only that org ever reads them.
 */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    source: text().notNull(),
    sourceId: text().notNull(),
    name: text().notNull(),
    website: text(),
    domain: text(),
    country: text(),
    state: text(),
    city: text(),
    phone: text(),
    parentSourceId: text(),
    status: text({ enum: ["customer", "opportunity", "prospect"] }),
    ownerEmail: text(),
    icpScore: real(),
    tier: text(),
    custom: text({ mode: "json" }).$type<Record<string, string>>(),
    offlinePartnerId: text().references(() => partners.id, { onDelete: "cascade" }),
    contentHash: text().notNull(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
    deletedAt: text(),
  },
  (t) => [
    unique("accounts_org_source_source_id_uq").on(t.orgId, t.source, t.sourceId),
    index("accounts_domain_idx").on(t.domain, t.orgId),
    index("accounts_offline_partner_idx").on(t.offlinePartnerId),
    // Accounts changed since a sync's watermark, without walking the org's whole list.
    index("accounts_org_updated_idx").on(t.orgId, t.updatedAt),
  ],
);
