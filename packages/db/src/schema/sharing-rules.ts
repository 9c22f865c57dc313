import { isNotNull, isNull } from "drizzle-orm";
import { sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";
import { populations } from "./populations.ts";

/**
 * Sharing level per population, as an org-wide default (`partnerOrgId` null) or a per-partner override.
 * Two partial unique indexes give "one rule per population + partner" including the null default,
 * which a plain unique constraint cannot (NULLs are distinct in SQLite and Postgres).
 */
export const sharingRules = sqliteTable(
  "sharing_rules",
  {
    id: text().primaryKey(),
    populationId: text()
      .notNull()
      .references(() => populations.id, { onDelete: "cascade" }),
    partnerOrgId: text().references(() => organizations.id, { onDelete: "cascade" }),
    level: text({ enum: ["hidden", "counts", "overlaps", "full"] }).notNull(),
    fieldAllowlist: text({ mode: "json" }).$type<string[]>().notNull(),
    updatedAt: text().notNull(),
  },
  (t) => [
    uniqueIndex("sharing_rules_default_uq").on(t.populationId).where(isNull(t.partnerOrgId)),
    uniqueIndex("sharing_rules_partner_uq").on(t.populationId, t.partnerOrgId).where(isNotNull(t.partnerOrgId)),
  ],
);
