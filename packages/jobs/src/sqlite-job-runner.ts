import { randomUUID } from "node:crypto";
import { describeError, isAppError } from "@mutual/core";
import {
  advanceJobSchedule,
  completeJob,
  deleteJobSchedule,
  extendJobLease,
  failJob,
  getJob,
  getJobSchedule,
  insertJob,
  leaseJobs,
  listDueJobSchedules,
  listJobSchedules,
  listJobs,
  upsertJobSchedule,
} from "@mutual/db";
import type { Db, JobRow, JobScheduleRow } from "@mutual/db";
import { computeBackoffDelay } from "./backoff.ts";
import type { BackoffOptions } from "./backoff.ts";
import { cadenceIntervalMs, computeNextRun } from "./cadence.ts";
import { systemClock } from "./clock.ts";
import type { Clock } from "./clock.ts";
import type { EnqueueInput, FailOutcome, Job, JobRunner, LeasedJob, Schedule } from "./job-runner.ts";

export type SqliteJobRunnerOptions = {
  db: Db;
  clock?: Clock;
  /** How long a lease lasts without a heartbeat (default 30 s). */
  leaseMs?: number;
  /** Attempts before a job is dead-lettered (default 5). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  random?: () => number;
};

// Errors a retry cannot fix: the job is dead-lettered at once.
const PERMANENT_CODES = new Set(["invalid_input", "invalid_data", "not_found", "forbidden", "permission_denied", "unauthorized"]);

/** Whether a failure is worth retrying by default (AppErrors about bad input or access are not). */
export function isRetryableError(error: unknown): boolean {
  return !(isAppError(error) && PERMANENT_CODES.has(error.code));
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    queue: row.queue,
    payload: row.payload,
    state: row.state,
    idempotencyKey: row.idempotencyKey,
    concurrencyKey: row.concurrencyKey,
    runAt: new Date(row.runAt),
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    lastError: row.lastError,
  };
}

function toSchedule(row: JobScheduleRow): Schedule {
  return {
    name: row.name,
    queue: row.queue,
    payload: row.payload,
    concurrencyKey: row.concurrencyKey,
    cadence: row.cadence,
    enabled: row.enabled,
    nextRunAt: new Date(row.nextRunAt),
    lastEnqueuedAt: row.lastEnqueuedAt === null ? null : new Date(row.lastEnqueuedAt),
  };
}

/** The embedded JobRunner: jobs and schedules in the app's SQLite database. */
export function createSqliteJobRunner(options: SqliteJobRunnerOptions): JobRunner {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const leaseMs = options.leaseMs ?? 30_000;
  const defaultMaxAttempts = options.maxAttempts ?? 5;
  const random = options.random ?? Math.random;

  async function enqueue(input: EnqueueInput) {
    const now = clock.now();
    const { job, created } = await insertJob(
      db,
      {
        queue: input.queue,
        payload: input.payload,
        idempotencyKey: input.idempotencyKey,
        concurrencyKey: input.concurrencyKey,
        runAt: input.runAt ?? now,
        maxAttempts: input.maxAttempts ?? defaultMaxAttempts,
      },
      { now },
    );
    return { job: toJob(job), created };
  }

  return {
    enqueue,

    async lease({ queues, workerId, limit = 1 }) {
      const rows = await leaseJobs(db, { queues, workerId, leaseMs, limit, now: clock.now() });
      return rows.map((row): LeasedJob => ({ ...toJob(row), leaseToken: row.leaseToken!, leaseExpiresAt: new Date(row.leaseExpiresAt!) }));
    },

    async heartbeat(job) {
      const extended = await extendJobLease(db, { id: job.id, leaseToken: job.leaseToken, leaseMs, now: clock.now() });
      if (extended) job.leaseExpiresAt = new Date(clock.now().getTime() + leaseMs);
      return extended;
    },

    async complete(job, result) {
      return completeJob(db, { id: job.id, leaseToken: job.leaseToken, result, now: clock.now() });
    },

    async fail(job, error, failOptions = {}): Promise<FailOutcome> {
      const now = clock.now();
      const retryable = (failOptions.retryable ?? isRetryableError(error)) && job.attempts < job.maxAttempts;
      const retryAt = retryable ? new Date(now.getTime() + computeBackoffDelay(job.attempts, options.backoff, random)) : null;
      const state = await failJob(db, { id: job.id, leaseToken: job.leaseToken, error: describeError(error), retryAt, now });
      if (state === null) return { state: "lease_lost" };
      return state === "queued" && retryAt ? { state: "queued", retryAt } : { state: "dead" };
    },

    async getJob(id) {
      return toJob(await getJob(db, id));
    },

    async listJobs(filter) {
      return (await listJobs(db, filter)).map(toJob);
    },

    async upsertSchedule(input) {
      const now = clock.now();
      cadenceIntervalMs(input.cadence);
      const row = await upsertJobSchedule(
        db,
        { ...input, enabled: input.enabled ?? true, nextRunAt: computeNextRun(input.cadence, now) },
        { now },
      );
      return toSchedule(row);
    },

    async removeSchedule(name) {
      await deleteJobSchedule(db, name);
    },

    async listSchedules() {
      return (await listJobSchedules(db)).map(toSchedule);
    },

    async enqueueDueSchedules() {
      const now = clock.now();
      const enqueued: Job[] = [];
      for (const schedule of await listDueJobSchedules(db, now)) {
        // The slot time is the idempotency key: a crash between enqueue and advance re-enqueues nothing.
        const { job, created } = await enqueue({
          queue: schedule.queue,
          payload: schedule.payload,
          concurrencyKey: schedule.concurrencyKey ?? undefined,
          idempotencyKey: `schedule:${schedule.name}:${schedule.nextRunAt}`,
          runAt: now,
        });
        await advanceJobSchedule(db, {
          name: schedule.name,
          expectedNextRunAt: schedule.nextRunAt,
          nextRunAt: computeNextRun(schedule.cadence, now),
          now,
        });
        if (created) enqueued.push(job);
      }
      return enqueued;
    },

    async runScheduleNow(name, runOptions = {}) {
      const schedule = await getJobSchedule(db, name);
      return enqueue({
        queue: schedule.queue,
        payload: schedule.payload,
        concurrencyKey: schedule.concurrencyKey ?? undefined,
        idempotencyKey: `manual:${name}:${runOptions.requestId ?? randomUUID()}`,
      });
    },
  };
}
