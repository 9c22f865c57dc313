/** A job as the pipeline sees it, whatever queue backend stores it. */
export type Job<Payload = unknown> = {
  id: string;
  queue: string;
  payload: Payload;
  state: "queued" | "running" | "succeeded" | "dead";
  idempotencyKey: string | null;
  concurrencyKey: string | null;
  runAt: Date;
  /** Leases so far (each lease is an attempt, including ones whose worker died). */
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
};

/** A job this worker holds: `leaseToken` proves it on heartbeat, complete and fail. */
export type LeasedJob<Payload = unknown> = Job<Payload> & { leaseToken: string; leaseExpiresAt: Date };

export type EnqueueInput = {
  queue: string;
  payload: unknown;
  /** Same queue + key as an existing job (in any state) returns that job instead of a new one. */
  idempotencyKey?: string;
  /**
   * Jobs with the same key never run at the same time, on any worker (e.g. `connection:<id>`, so a
   * manual and a scheduled sync of one connection do not overlap): the later one waits, queued.
   */
  concurrencyKey?: string;
  /** Earliest start (default now). */
  runAt?: Date;
  maxAttempts?: number;
};

export type FailOutcome = { state: "queued"; retryAt: Date } | { state: "dead" } | { state: "lease_lost" };

export type Schedule = {
  name: string;
  queue: string;
  payload: unknown;
  /** Given to each job the schedule enqueues. */
  concurrencyKey: string | null;
  cadence: string;
  enabled: boolean;
  nextRunAt: Date;
  lastEnqueuedAt: Date | null;
};

export type UpsertScheduleInput = { name: string; queue: string; payload: unknown; concurrencyKey?: string; cadence: string; enabled?: boolean };

/**
 * Durable job queue with leases. The embedded implementation stores jobs in SQLite through
 * @mutual/db; a Postgres implementation (e.g. on pg-boss, or `FOR UPDATE SKIP LOCKED`) serves several
 * worker machines behind the same interface. Delivery is at-least-once: handlers must be idempotent
 * (a worker can die after doing the work and before `complete`).
 */
export interface JobRunner {
  enqueue(input: EnqueueInput): Promise<{ job: Job; created: boolean }>;
  /** Leases due jobs (and jobs whose lease expired) of the given queues. */
  lease(input: { queues: readonly string[]; workerId: string; limit?: number }): Promise<LeasedJob[]>;
  /** Extends the lease; false when it was lost (the job may be running elsewhere: stop). */
  heartbeat(job: LeasedJob): Promise<boolean>;
  complete(job: LeasedJob, result?: unknown): Promise<boolean>;
  /** Retries with exponential backoff + jitter, or dead-letters after `maxAttempts` or when not retryable. */
  fail(job: LeasedJob, error: unknown, options?: { retryable?: boolean }): Promise<FailOutcome>;
  getJob(id: string): Promise<Job>;
  listJobs(filter?: { queue?: string; state?: Job["state"]; limit?: number }): Promise<Job[]>;

  upsertSchedule(input: UpsertScheduleInput): Promise<Schedule>;
  removeSchedule(name: string): Promise<void>;
  listSchedules(): Promise<Schedule[]>;
  /** Enqueues one job per due schedule slot (idempotent per slot) and advances the schedules. */
  enqueueDueSchedules(): Promise<Job[]>;
  /** Manual "run now" of a schedule's work; `requestId` dedupes repeated clicks. */
  runScheduleNow(name: string, options?: { requestId?: string }): Promise<{ job: Job; created: boolean }>;
}
