import { check, index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { organizations } from "./organizations.ts";

export const partnerships = sqliteTable(
  "partnerships",
  {
    id: text().primaryKey(),
    inviterOrgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    inviteeOrgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    status: text({ enum: ["invited", "active", "paused", "ended"] }).notNull(),
    createdAt: text().notNull(),
    acceptedAt: text(),
    endedAt: text(),
    updatedAt: text().notNull(),
  },
  (t) => [
    index("partnerships_inviter_idx").on(t.inviterOrgId),
    index("partnerships_invitee_idx").on(t.inviteeOrgId),
    check("partnerships_distinct_orgs_ck", sql`${t.inviterOrgId} <> ${t.inviteeOrgId}`),
  ],
);
