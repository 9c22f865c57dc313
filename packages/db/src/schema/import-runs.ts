import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

export const IMPORT_RUN_STATUSES = ["running", "succeeded", "failed"] as const;

/** One import of a file or a CRM pull into an org, with its counts and the problems found. */
export const importRuns = sqliteTable(
  "import_runs",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    source: text().notNull(),
    file: text(),
    status: text({ enum: IMPORT_RUN_STATUSES }).notNull(),
    startedAt: text().notNull(),
    finishedAt: text(),
    rowsRead: integer().notNull().default(0),
    imported: integer().notNull().default(0),
    skipped: integer().notNull().default(0),
    problems: text({ mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [index("import_runs_org_idx").on(t.orgId, t.startedAt)],
);
