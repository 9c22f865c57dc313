import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organizations } from "./organizations.ts";

export const SYNC_PROVIDERS = ["salesforce", "hubspot", "csv"] as const;
export const SYNC_RUN_STATUSES = ["running", "succeeded", "failed"] as const;

/**
 * A CRM or CSV connection of an org (issue 7): non-secret settings (login URL, field mapping, file
 * paths) in `settings`, OAuth tokens and secrets only as an encrypted envelope in `credentials`.
 */
export const syncConnections = sqliteTable(
  "sync_connections",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    provider: text({ enum: SYNC_PROVIDERS }).notNull(),
    settings: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    credentials: text(),
    /** Schedule cadence, null for manual-only connections. */
    cadence: text(),
    enabled: integer({ mode: "boolean" }).notNull(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
  },
  (t) => [uniqueIndex("sync_connections_org_name_uq").on(t.orgId, t.name)],
);

/** Durable pull checkpoints per connection and stream (`account`, `opportunity`, `match`). */
export const syncCheckpoints = sqliteTable(
  "sync_checkpoints",
  {
    connectionId: text()
      .notNull()
      .references(() => syncConnections.id, { onDelete: "cascade" }),
    stream: text().notNull(),
    checkpoint: text().notNull(),
    updatedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.stream] })],
);

export type SyncRunCounts = Record<string, number>;
export type SyncRecordError = { stream: string; id: string; reason: string };

/** One sync of a connection: phase, counts, per-record errors, API usage and quota state. */
export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: text().primaryKey(),
    connectionId: text()
      .notNull()
      .references(() => syncConnections.id, { onDelete: "cascade" }),
    orgId: text().notNull(),
    /** The job that runs it: a re-delivered job resumes its run instead of starting another. */
    jobId: text(),
    trigger: text({ enum: ["scheduled", "manual"] }).notNull(),
    status: text({ enum: SYNC_RUN_STATUSES }).notNull(),
    phase: text().notNull(),
    counts: text({ mode: "json" }).$type<SyncRunCounts>().notNull(),
    recordErrors: text({ mode: "json" }).$type<SyncRecordError[]>().notNull(),
    apiCalls: integer().notNull().default(0),
    quota: text({ mode: "json" }).$type<{ used: number; limit: number; share: number } | null>(),
    error: text(),
    attempts: integer().notNull().default(1),
    startedAt: text().notNull(),
    finishedAt: text(),
    durationMs: integer(),
  },
  (t) => [
    uniqueIndex("sync_runs_job_uq").on(t.jobId),
    index("sync_runs_connection_idx").on(t.connectionId, t.startedAt),
  ],
);

/** Which partner-opportunity events were emitted per opportunity, so each is emitted once. */
export const partnerOpportunityNotices = sqliteTable("partner_opportunity_notices", {
  opportunityId: text().primaryKey(),
  orgId: text().notNull(),
  createdNotified: integer({ mode: "boolean" }).notNull(),
  wonNotified: integer({ mode: "boolean" }).notNull(),
  updatedAt: text().notNull(),
});

/**
 * The overlaps as last announced to each org through events (the visible part only). Events are
 * the diff between this snapshot and the stored overlaps, written in the same transaction as the
 * snapshot update, so each change is announced exactly once even across crashes. Stored WITHOUT ROWID
 * (reached only through its primary key): migration 0002, by hand, as drizzle cannot declare it.
 */
export const publishedOverlaps = sqliteTable(
  "published_overlaps",
  {
    orgId: text().notNull(),
    /** `partnership:<id>` or `offline:<id>`. */
    scopeKey: text().notNull(),
    mineAccountId: text().notNull(),
    partnerAccountId: text().notNull(),
    minePopulations: text({ mode: "json" }).$type<string[]>().notNull(),
    partnerPopulations: text({ mode: "json" }).$type<string[]>().notNull(),
    publishedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.scopeKey, t.mineAccountId, t.partnerAccountId] })],
);
