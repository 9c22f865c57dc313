import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const JOB_STATES = ["queued", "running", "succeeded", "dead"] as const;

/**
 * Durable background jobs (issue 7). A job is leased by one worker at a time (`leaseToken` fences a
 * worker whose lease expired); `idempotencyKey` makes enqueueing the same work twice a no-op.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text().primaryKey(),
    queue: text().notNull(),
    payload: text({ mode: "json" }).$type<unknown>(),
    state: text({ enum: JOB_STATES }).notNull(),
    idempotencyKey: text(),
    /** Jobs with the same key never run at once (e.g. `connection:<id>`): one is leased, the others wait. */
    concurrencyKey: text(),
    runAt: text().notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    leaseToken: text(),
    leasedBy: text(),
    leaseExpiresAt: text(),
    lastError: text(),
    result: text({ mode: "json" }).$type<unknown>(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
    finishedAt: text(),
  },
  (t) => [
    uniqueIndex("jobs_queue_idempotency_key_uq").on(t.queue, t.idempotencyKey),
    index("jobs_state_run_at_idx").on(t.state, t.runAt),
    index("jobs_state_lease_idx").on(t.state, t.leaseExpiresAt),
    index("jobs_concurrency_key_state_idx").on(t.concurrencyKey, t.state),
  ],
);

/** Recurring work: at `nextRunAt` the runner enqueues one job (idempotent per slot) and moves on. */
export const jobSchedules = sqliteTable("job_schedules", {
  name: text().primaryKey(),
  queue: text().notNull(),
  payload: text({ mode: "json" }).$type<unknown>(),
  /** Given to every job the schedule enqueues (see `jobs.concurrencyKey`). */
  concurrencyKey: text(),
  /** `every_15_minutes` | `hourly` | `daily` | `every_<n>_minutes`. */
  cadence: text().notNull(),
  enabled: integer({ mode: "boolean" }).notNull(),
  nextRunAt: text().notNull(),
  lastEnqueuedAt: text(),
  createdAt: text().notNull(),
  updatedAt: text().notNull(),
});
