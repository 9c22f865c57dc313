import type { PopulationFilter } from "@mutual/core";
import { sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

export const populations = sqliteTable(
  "populations",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    standardKey: text({ enum: ["customers", "open_opportunities", "prospects"] }),
    filter: text({ mode: "json" }).$type<PopulationFilter>(),
    createdAt: text().notNull(),
  },
  (t) => [
    unique("populations_org_name_uq").on(t.orgId, t.name),
    // NULLs are distinct, so this only constrains the standard populations (one of each per org).
    unique("populations_org_standard_key_uq").on(t.orgId, t.standardKey),
  ],
);
