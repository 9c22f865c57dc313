import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

/**
 * A counter per account list (an org's own accounts, or one offline partner's list), bumped by every
 * write that changes the list, in the write's transaction: a process keeping a list in memory (the sync
 * worker's match space) compares it to know its copy is current.
 */
export const accountListVersions = sqliteTable(
  "account_list_versions",
  {
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** "" for the org's own accounts, else the offline partner's id. */
    listKey: text().notNull(),
    version: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.listKey] })],
);
