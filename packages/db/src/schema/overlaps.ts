import { isNotNull, sql } from "drizzle-orm";
import { check, index, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { organizations } from "./organizations.ts";
import { partners } from "./partners.ts";
import { partnerships } from "./partnerships.ts";

/**
 * Matched account pairs as seen by `orgId` ("mine" accounts belong to it), scoped to exactly one
 * partnership or one offline partner. Recomputed wholesale per scope.
 */
export const overlaps = sqliteTable(
  "overlaps",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    partnershipId: text().references(() => partnerships.id, { onDelete: "cascade" }),
    offlinePartnerId: text().references(() => partners.id, { onDelete: "cascade" }),
    mineAccountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    partnerAccountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    relation: text({ enum: ["same_account", "same_group"] }).notNull(),
    confidence: real().notNull(),
    evidence: text().notNull(),
    minePopulations: text({ mode: "json" }).$type<string[]>().notNull(),
    partnerPopulations: text({ mode: "json" }).$type<string[]>().notNull(),
    computedAt: text().notNull(),
  },
  (t) => [
    check(
      "overlaps_one_scope_ck",
      sql`(${t.partnershipId} is null) <> (${t.offlinePartnerId} is null)`,
    ),
    uniqueIndex("overlaps_partnership_pair_uq")
      .on(t.partnershipId, t.mineAccountId, t.partnerAccountId)
      .where(isNotNull(t.partnershipId)),
    uniqueIndex("overlaps_offline_pair_uq")
      .on(t.offlinePartnerId, t.mineAccountId, t.partnerAccountId)
      .where(isNotNull(t.offlinePartnerId)),
    index("overlaps_org_idx").on(t.orgId),
    index("overlaps_mine_account_idx").on(t.mineAccountId),
  ],
);
