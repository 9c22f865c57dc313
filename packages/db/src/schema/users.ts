import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

export const USER_ROLES = ["admin", "partner_manager", "rep"] as const;

/** A member of one org. Emails are stored lower-cased and unique across the deployment. */
export const users = sqliteTable(
  "users",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text().notNull().unique(),
    name: text(),
    role: text({ enum: USER_ROLES }).notNull(),
    createdAt: text().notNull(),
  },
  (t) => [index("users_org_idx").on(t.orgId)],
);
