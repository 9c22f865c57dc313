import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One company using Mutual. Timestamps are ISO 8601 text so the model ports to Postgres unchanged. */
export const organizations = sqliteTable("organizations", {
  id: text().primaryKey(),
  name: text().notNull(),
  currency: text().notNull().default("USD"),
  createdAt: text().notNull(),
});
