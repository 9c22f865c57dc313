import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../database.ts";
import { WRITE_TRANSACTION } from "../database.ts";
import { syncCheckpoints, syncRuns } from "../schema/sync.ts";
import type { SyncRecordError, SyncRunCounts } from "../schema/sync.ts";

export type SyncRunRow = typeof syncRuns.$inferSelect;

/** Per-record errors kept per run (the count keeps going in `counts.recordErrors`). */
const MAX_RECORD_ERRORS = 200;

export type StartSyncRunInput = {
  connectionId: string;
  orgId: string;
  /** A re-delivered job (after a crash) resumes the run it started instead of opening another. */
  jobId?: string;
  trigger: "scheduled" | "manual";
};

/** Opens a run, or resumes the running one of the same job (counting the extra attempt). */
export async function startOrResumeSyncRun(db: Db, input: StartSyncRunInput, options: { now: Date }): Promise<{ run: SyncRunRow; resumed: boolean }> {
  const now = options.now.toISOString();
  return db.transaction((tx) => {
    if (input.jobId !== undefined) {
      const existing = tx.select().from(syncRuns).where(eq(syncRuns.jobId, input.jobId)).get();
      if (existing) {
        if (existing.status !== "running") return { run: existing, resumed: true };
        const run = tx.update(syncRuns).set({ attempts: sql`${syncRuns.attempts} + 1` }).where(eq(syncRuns.id, existing.id)).returning().get()!;
        return { run, resumed: true };
      }
    }
    const run = tx
      .insert(syncRuns)
      .values({
        id: randomUUID(),
        connectionId: input.connectionId,
        orgId: input.orgId,
        jobId: input.jobId ?? null,
        trigger: input.trigger,
        status: "running",
        phase: "starting",
        counts: {},
        recordErrors: [],
        startedAt: now,
      })
      .returning()
      .get();
    return { run, resumed: false };
  }, WRITE_TRANSACTION);
}

export type SyncRunProgress = {
  phase?: string;
  /** Added to the run's counts. */
  addCounts?: SyncRunCounts;
  recordErrors?: readonly SyncRecordError[];
  /** Provider API calls to add. */
  apiCalls?: number;
  quota?: { used: number; limit: number; share: number } | null;
  /** Saved in the same transaction: the page's records are stored, so resume after it. */
  checkpoint?: { stream: string; value: string };
};

function mergeProgress(run: SyncRunRow, progress: SyncRunProgress) {
  const counts = { ...run.counts };
  for (const [key, value] of Object.entries(progress.addCounts ?? {})) counts[key] = (counts[key] ?? 0) + value;
  const errors = [...run.recordErrors, ...(progress.recordErrors ?? [])];
  if ((progress.recordErrors?.length ?? 0) > 0) counts.recordErrors = (counts.recordErrors ?? 0) + progress.recordErrors!.length;
  return {
    counts,
    recordErrors: errors.slice(0, MAX_RECORD_ERRORS),
    phase: progress.phase ?? run.phase,
    apiCalls: run.apiCalls + (progress.apiCalls ?? 0),
    quota: progress.quota === undefined ? run.quota : progress.quota,
  };
}

/**
 * Records progress of a run and, optionally, the checkpoint of the page just stored, atomically: after
 * a crash the run resumes from that checkpoint with counts that include exactly the committed pages.
 */
export async function recordSyncRunProgress(db: Db, runId: string, progress: SyncRunProgress, options: { now: Date }): Promise<SyncRunRow> {
  return db.transaction((tx) => {
    const run = tx.select().from(syncRuns).where(eq(syncRuns.id, runId)).get();
    if (!run) throw new AppError("not_found", `sync run ${runId} not found`);
    if (progress.checkpoint) {
      const values = { connectionId: run.connectionId, stream: progress.checkpoint.stream, checkpoint: progress.checkpoint.value, updatedAt: options.now.toISOString() };
      tx.insert(syncCheckpoints)
        .values(values)
        .onConflictDoUpdate({ target: [syncCheckpoints.connectionId, syncCheckpoints.stream], set: { checkpoint: values.checkpoint, updatedAt: values.updatedAt } })
        .run();
    }
    return tx.update(syncRuns).set(mergeProgress(run, progress)).where(eq(syncRuns.id, runId)).returning().get()!;
  }, WRITE_TRANSACTION);
}

/** Closes a run with its status and duration. */
export async function finishSyncRun(
  db: Db,
  runId: string,
  input: { status: "succeeded" | "failed"; error?: string },
  options: { now: Date },
): Promise<SyncRunRow> {
  const run = await getSyncRun(db, runId);
  const finishedAt = options.now.toISOString();
  const [row] = await db
    .update(syncRuns)
    .set({
      status: input.status,
      phase: input.status === "succeeded" ? "done" : run.phase,
      error: input.error ?? null,
      finishedAt,
      durationMs: Math.max(0, options.now.getTime() - new Date(run.startedAt).getTime()),
    })
    .where(eq(syncRuns.id, runId))
    .returning();
  return row!;
}

export async function getSyncRun(db: Db, id: string): Promise<SyncRunRow> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  if (!row) throw new AppError("not_found", `sync run ${id} not found`);
  return row;
}

/** The run a job opened, if any. */
export async function findSyncRunByJob(db: Db, jobId: string): Promise<SyncRunRow | undefined> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.jobId, jobId));
  return row;
}

/** Run history, newest first. */
export async function listSyncRuns(db: Db, filter: { connectionId?: string; limit?: number } = {}): Promise<SyncRunRow[]> {
  return db
    .select()
    .from(syncRuns)
    .where(filter.connectionId === undefined ? undefined : eq(syncRuns.connectionId, filter.connectionId))
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(filter.limit ?? 50);
}
