import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";
import { partnerships } from "./partnerships.ts";

/** A partner as one org sees it: another org through a partnership, or an offline partner. */
export const partners = sqliteTable(
  "partners",
  {
    id: text().primaryKey(),
    ownerOrgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: text({ enum: ["org", "offline"] }).notNull(),
    name: text().notNull(),
    partnershipId: text().references(() => partnerships.id, { onDelete: "cascade" }),
    partnerOrgId: text().references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: text().notNull(),
  },
  (t) => [
    index("partners_owner_idx").on(t.ownerOrgId),
    unique("partners_owner_partnership_uq").on(t.ownerOrgId, t.partnershipId),
    check(
      "partners_kind_ck",
      sql`(${t.kind} = 'org' and ${t.partnershipId} is not null and ${t.partnerOrgId} is not null)
        or (${t.kind} = 'offline' and ${t.partnershipId} is null and ${t.partnerOrgId} is null)`,
    ),
  ],
);
