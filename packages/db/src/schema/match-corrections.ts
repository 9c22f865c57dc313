import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";
import { partners } from "./partners.ts";
import { partnerships } from "./partnerships.ts";
import { users } from "./users.ts";

/**
 * Corrections of the matching engine in one overlap scope (a partnership or an offline partner): a
 * confirmed or rejected pair, or an "always" / "never" rule by domain or name. Stored in the scope's
 * own orientation (left = the partnership's inviter, or the org for an offline partner), so both orgs of
 * a partnership read and obey the same corrections. They win over the engine on every recompute.
 */
export const matchCorrections = sqliteTable(
  "match_corrections",
  {
    id: text().primaryKey(),
    partnershipId: text().references(() => partnerships.id, { onDelete: "cascade" }),
    offlinePartnerId: text().references(() => partners.id, { onDelete: "cascade" }),
    authorOrgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    authorUserId: text().references(() => users.id, { onDelete: "set null" }),
    decision: text({ enum: ["always", "never"] }).notNull(),
    /** Selectors ({ id?, domain?, name? }) of the scope's left and right lists. */
    left: text({ mode: "json" }).$type<{ id?: string; domain?: string; name?: string }>().notNull(),
    right: text({ mode: "json" }).$type<{ id?: string; domain?: string; name?: string }>().notNull(),
    note: text(),
    createdAt: text().notNull(),
  },
  (t) => [
    check("match_corrections_one_scope_ck", sql`(${t.partnershipId} is null) <> (${t.offlinePartnerId} is null)`),
    index("match_corrections_partnership_idx").on(t.partnershipId),
    index("match_corrections_offline_partner_idx").on(t.offlinePartnerId),
  ],
);
