import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

/** issue 8: API tokens per org; only the SHA-256 hex of the token is stored. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    createdAt: text().notNull(),
    revokedAt: text(),
  },
  (t) => [index("api_tokens_org_idx").on(t.orgId)],
);
