import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { parseInput } from "../internal/validate-input.ts";
import { jobs, JOB_STATES } from "../schema/jobs.ts";

export type JobRow = typeof jobs.$inferSelect;
export type JobState = (typeof JOB_STATES)[number];

export const InsertJobInputSchema = z.object({
  queue: z.string().min(1),
  payload: z.unknown(),
  idempotencyKey: z.string().min(1).optional(),
  concurrencyKey: z.string().min(1).optional(),
  runAt: z.date(),
  maxAttempts: z.number().int().positive(),
});
export type InsertJobInput = z.input<typeof InsertJobInputSchema>;

/**
 * Inserts a queued job, or returns the existing one when the queue already holds a job with the same
 * idempotency key (whatever its state): enqueueing the same work twice is a no-op.
 */
export async function insertJob(db: Db, input: InsertJobInput, options: { now: Date }): Promise<{ job: JobRow; created: boolean }> {
  const parsed = parseInput(InsertJobInputSchema, input, "job");
  const now = options.now.toISOString();
  const inserted = await db
    .insert(jobs)
    .values({
      id: randomUUID(),
      queue: parsed.queue,
      payload: parsed.payload ?? null,
      state: "queued",
      idempotencyKey: parsed.idempotencyKey ?? null,
      concurrencyKey: parsed.concurrencyKey ?? null,
      runAt: parsed.runAt.toISOString(),
      maxAttempts: parsed.maxAttempts,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { job: inserted[0], created: true };
  const [existing] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.queue, parsed.queue), eq(jobs.idempotencyKey, parsed.idempotencyKey ?? "")));
  if (!existing) throw new AppError("internal", "job insert conflicted but no job holds its idempotency key");
  return { job: existing, created: false };
}

export type LeaseJobsInput = { queues: readonly string[]; workerId: string; leaseMs: number; limit: number; now: Date };

/**
 * Leases up to `limit` jobs that are due (queued with `runAt <= now`) or whose lease expired (their
 * worker died). Each lease counts as an attempt and gets a fresh `leaseToken`; an expired job that
 * already used all its attempts is dead-lettered instead. One write transaction, so two workers
 * never lease the same job (a Postgres implementation uses `FOR UPDATE SKIP LOCKED`). A job with a
 * `concurrencyKey` is skipped while another job with that key holds a live lease, and one lease pass
 * takes at most one job per key, so jobs sharing a key run one at a time across workers (a holder
 * whose worker died releases the key when its lease expires).
 */
export async function leaseJobs(db: Db, input: LeaseJobsInput): Promise<JobRow[]> {
  const now = input.now.toISOString();
  const expiresAt = new Date(input.now.getTime() + input.leaseMs).toISOString();
  const inQueues = inArray(jobs.queue, [...input.queues]);
  return db.transaction((tx) => {
    tx.update(jobs)
      .set({ state: "dead", leaseToken: null, leasedBy: null, leaseExpiresAt: null, finishedAt: now, updatedAt: now, lastError: sql`coalesce(${jobs.lastError}, 'lease expired')` })
      .where(and(inQueues, eq(jobs.state, "running"), lte(jobs.leaseExpiresAt, now), sql`${jobs.attempts} >= ${jobs.maxAttempts}`))
      .run();
    const held = jobs.concurrencyKey;
    const due = tx
      .select({ id: jobs.id, concurrencyKey: jobs.concurrencyKey })
      .from(jobs)
      .where(
        and(
          inQueues,
          or(and(eq(jobs.state, "queued"), lte(jobs.runAt, now)), and(eq(jobs.state, "running"), lte(jobs.leaseExpiresAt, now))),
          sql`(${held} is null or not exists (select 1 from ${jobs} as holder where holder.concurrency_key = ${held} and holder.state = 'running' and holder.lease_expires_at > ${now}))`,
        ),
      )
      // Expired leases first: a dead worker's job resumes before a newer job of the same key starts.
      .orderBy(sql`case when ${jobs.state} = 'running' then 0 else 1 end`, asc(jobs.runAt), asc(jobs.createdAt))
      .all();
    const keys = new Set<string>();
    const picked = due
      .filter(({ concurrencyKey }) => concurrencyKey === null || (!keys.has(concurrencyKey) && keys.add(concurrencyKey) !== undefined))
      .slice(0, input.limit);
    return picked.map(({ id }) =>
      tx
        .update(jobs)
        .set({
          state: "running",
          attempts: sql`${jobs.attempts} + 1`,
          leaseToken: randomUUID(),
          leasedBy: input.workerId,
          leaseExpiresAt: expiresAt,
          updatedAt: now,
        })
        .where(eq(jobs.id, id))
        .returning()
        .get()!,
    );
  }, WRITE_TRANSACTION);
}

function holdsLease(id: string, leaseToken: string): SQL {
  return and(eq(jobs.id, id), eq(jobs.leaseToken, leaseToken), eq(jobs.state, "running"))!;
}

/** Extends a lease (heartbeat); false when the lease was lost (expired and taken by another worker). */
export async function extendJobLease(db: Db, input: { id: string; leaseToken: string; leaseMs: number; now: Date }): Promise<boolean> {
  const expiresAt = new Date(input.now.getTime() + input.leaseMs).toISOString();
  const rows = await db
    .update(jobs)
    .set({ leaseExpiresAt: expiresAt, updatedAt: input.now.toISOString() })
    .where(holdsLease(input.id, input.leaseToken))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Marks a leased job succeeded; false when the caller no longer holds the lease. */
export async function completeJob(db: Db, input: { id: string; leaseToken: string; result?: unknown; now: Date }): Promise<boolean> {
  const now = input.now.toISOString();
  const rows = await db
    .update(jobs)
    .set({ state: "succeeded", result: input.result ?? null, leaseToken: null, leaseExpiresAt: null, finishedAt: now, updatedAt: now })
    .where(holdsLease(input.id, input.leaseToken))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/**
 * Records a failed attempt: back to `queued` at `retryAt`, or `dead` when `retryAt` is null.
 * Returns the new state, or null when the caller no longer holds the lease.
 */
export async function failJob(
  db: Db,
  input: { id: string; leaseToken: string; error: string; retryAt: Date | null; now: Date },
): Promise<JobState | null> {
  const now = input.now.toISOString();
  const state: JobState = input.retryAt ? "queued" : "dead";
  const rows = await db
    .update(jobs)
    .set({
      state,
      lastError: input.error,
      runAt: input.retryAt ? input.retryAt.toISOString() : sql`${jobs.runAt}`,
      leaseToken: null,
      leasedBy: null,
      leaseExpiresAt: null,
      finishedAt: input.retryAt ? null : now,
      updatedAt: now,
    })
    .where(holdsLease(input.id, input.leaseToken))
    .returning({ id: jobs.id });
  return rows.length === 1 ? state : null;
}

export async function getJob(db: Db, id: string): Promise<JobRow> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw new AppError("not_found", `job ${id} not found`);
  return row;
}

/** Jobs newest first, optionally by queue and state. */
export async function listJobs(db: Db, filter: { queue?: string; state?: JobState; limit?: number } = {}): Promise<JobRow[]> {
  const conditions: SQL[] = [];
  if (filter.queue !== undefined) conditions.push(eq(jobs.queue, filter.queue));
  if (filter.state !== undefined) conditions.push(eq(jobs.state, filter.state));
  return db
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(filter.limit ?? 100);
}
