import { AppError } from "@mutual/core";
import { and, asc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { parseInput } from "../internal/validate-input.ts";
import { jobSchedules } from "../schema/jobs.ts";

export type JobScheduleRow = typeof jobSchedules.$inferSelect;

export const UpsertJobScheduleInputSchema = z.object({
  name: z.string().min(1),
  queue: z.string().min(1),
  payload: z.unknown(),
  concurrencyKey: z.string().min(1).optional(),
  cadence: z.string().min(1),
  enabled: z.boolean(),
  nextRunAt: z.date(),
});
export type UpsertJobScheduleInput = z.input<typeof UpsertJobScheduleInputSchema>;

/** Creates or replaces a schedule by name. */
export async function upsertJobSchedule(db: Db, input: UpsertJobScheduleInput, options: { now: Date }): Promise<JobScheduleRow> {
  const parsed = parseInput(UpsertJobScheduleInputSchema, input, "job schedule");
  const now = options.now.toISOString();
  const values = {
    queue: parsed.queue,
    payload: parsed.payload ?? null,
    concurrencyKey: parsed.concurrencyKey ?? null,
    cadence: parsed.cadence,
    enabled: parsed.enabled,
    nextRunAt: parsed.nextRunAt.toISOString(),
    updatedAt: now,
  };
  const [row] = await db
    .insert(jobSchedules)
    .values({ name: parsed.name, ...values, createdAt: now })
    .onConflictDoUpdate({ target: jobSchedules.name, set: values })
    .returning();
  return row!;
}

export async function getJobSchedule(db: Db, name: string): Promise<JobScheduleRow> {
  const [row] = await db.select().from(jobSchedules).where(eq(jobSchedules.name, name));
  if (!row) throw new AppError("not_found", `schedule ${name} not found`);
  return row;
}

export async function listJobSchedules(db: Db): Promise<JobScheduleRow[]> {
  return db.select().from(jobSchedules).orderBy(asc(jobSchedules.name));
}

/** Enabled schedules whose next run is due. */
export async function listDueJobSchedules(db: Db, now: Date): Promise<JobScheduleRow[]> {
  return db
    .select()
    .from(jobSchedules)
    .where(and(eq(jobSchedules.enabled, true), lte(jobSchedules.nextRunAt, now.toISOString())))
    .orderBy(asc(jobSchedules.nextRunAt), asc(jobSchedules.name));
}

/**
 * Moves a schedule to its next slot only if it is still at `expectedNextRunAt` (compare-and-set, so
 * two workers advancing the same slot enqueue it once). True when this caller advanced it.
 */
export async function advanceJobSchedule(
  db: Db,
  input: { name: string; expectedNextRunAt: string; nextRunAt: Date; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(jobSchedules)
    .set({ nextRunAt: input.nextRunAt.toISOString(), lastEnqueuedAt: input.now.toISOString(), updatedAt: input.now.toISOString() })
    .where(and(eq(jobSchedules.name, input.name), eq(jobSchedules.nextRunAt, input.expectedNextRunAt)))
    .returning({ name: jobSchedules.name });
  return rows.length === 1;
}

export async function deleteJobSchedule(db: Db, name: string): Promise<void> {
  await db.delete(jobSchedules).where(eq(jobSchedules.name, name));
}
