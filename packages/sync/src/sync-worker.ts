import { AppError, describeError } from "@mutual/core";
import { finishSyncRun, findSyncConnection, findSyncRunByJob, updateSyncConnectionCredentials } from "@mutual/db";
import type { Database, Db, SyncConnectionRow, SyncRunRow } from "@mutual/db";
import { createJobWorker, isRetryableError, waitFor } from "@mutual/jobs";
import type { Clock, JobRunner, LeasedJob } from "@mutual/jobs";
import { createOverlapMatchSpace } from "@mutual/services";
import type { OverlapMatchSpace } from "@mutual/services";
import type { SecretBox } from "@mutual/secrets";
import type { WebhookDeliverer } from "@mutual/webhooks";
import type { Logger } from "pino";
import { z } from "zod";
import { credentialsContext } from "./connections/connection-config.ts";
import { SYNC_QUEUE, syncConcurrencyKey } from "./connections/create-connection.ts";
import { openSyncSource } from "./connections/open-sync-source.ts";
import type { OpenSourceHooks } from "./connections/open-sync-source.ts";
import type { SyncSource } from "./connections/sync-source.ts";
import { createMatchProgressLog } from "./match-progress-log.ts";
import { runSync } from "./pipeline/run-sync.ts";
import type { SyncProgressEvent } from "./pipeline/run-sync.ts";

const SyncJobPayloadSchema = z.object({ connectionId: z.string().min(1), trigger: z.enum(["scheduled", "manual"]).default("scheduled") });

export type SyncWorkerOptions = {
  db: Db;
  runner: JobRunner;
  deliverer: WebhookDeliverer;
  secretBox: SecretBox;
  clock: Clock;
  logger: Logger;
  workerId: string;
  pollMs?: number;
  heartbeatMs?: number;
  /** Default: open the connection's CRM connector or CSV reader; tests wrap it to inject faults. */
  openSource?: (connection: SyncConnectionRow) => Promise<SyncSource>;
  sourceHooks?: OpenSourceHooks;
  matchSpace?: OverlapMatchSpace;
  onProgress?: (event: SyncProgressEvent) => void;
  /**
   * Called after each pass (its syncs and deliveries): a database opened with `autoCheckpoint: false`
   * copies its write-ahead log here, between syncs, instead of inside a sync's commit.
   */
  checkpoint?: Database["checkpoint"];
};

/**
 * The worker: runs sync jobs (scheduled or manual) from the job runner, then delivers what the
 * syncs put in the outbox. Several workers can share one database; each job runs on one at a time,
 * and the syncs of one connection (manual beside scheduled) one at a time (a job concurrency key).
 */
export function createSyncWorker(options: SyncWorkerOptions) {
  const { db, runner, deliverer, secretBox, clock, logger } = options;
  const log = logger.child({ module: "sync-worker", workerId: options.workerId });
  // A full recompute at a million accounts runs for a minute or more: say where it is.
  const matchSpace = options.matchSpace ?? createOverlapMatchSpace({ onProgress: createMatchProgressLog(log.child({ module: "matching" })) });

  const openSource =
    options.openSource ??
    ((connection: SyncConnectionRow) =>
      openSyncSource(connection, secretBox, {
        ...options.sourceHooks,
        // Rotated OAuth tokens are sealed again before they are stored.
        onCredentials: (credentials) => {
          const sealed = secretBox.encrypt(JSON.stringify(credentials), credentialsContext(connection.id));
          void updateSyncConnectionCredentials(db, connection.id, sealed, { now: clock.now() }).catch((error: unknown) =>
            log.error({ err: error, connectionId: connection.id }, "could not store refreshed credentials"),
          );
        },
      }));

  async function handleSyncJob(job: LeasedJob, ctx: { signal: AbortSignal }) {
    const payload = SyncJobPayloadSchema.safeParse(job.payload);
    if (!payload.success) throw new AppError("invalid_input", `bad sync job payload: ${payload.error.message}`);
    try {
      const run = await runSync(
        { db, clock, logger, openSource, matchSpace, onProgress: options.onProgress },
        { connectionId: payload.data.connectionId, trigger: payload.data.trigger, jobId: job.id, signal: ctx.signal },
      );
      return { syncRunId: run.id, counts: run.counts };
    } catch (error) {
      // Close the run when no retry will resume it; otherwise it stays "running" for the next attempt.
      const final = !isRetryableError(error) || job.attempts >= job.maxAttempts;
      if (final) {
        const run = await findSyncRunByJob(db, job.id);
        if (run?.status === "running") {
          const failed = await finishSyncRun(db, run.id, { status: "failed", error: describeError(error) }, { now: clock.now() });
          options.onProgress?.({ kind: "finished", run: failed });
        }
      }
      throw error;
    }
  }

  const jobs = createJobWorker({
    runner,
    workerId: options.workerId,
    logger: log,
    pollMs: options.pollMs,
    heartbeatMs: options.heartbeatMs,
    handlers: { [SYNC_QUEUE]: handleSyncJob },
  });

  return {
    /** Queues a manual sync ("sync now"); the same `requestId` twice queues it once. */
    async enqueueSync(connectionIdOrName: string, enqueueOptions: { requestId?: string; maxAttempts?: number } = {}) {
      const connection = await findSyncConnection(db, connectionIdOrName);
      return runner.enqueue({
        queue: SYNC_QUEUE,
        payload: { connectionId: connection.id, trigger: "manual" },
        concurrencyKey: syncConcurrencyKey(connection.id),
        idempotencyKey: enqueueOptions.requestId === undefined ? undefined : `manual:${connection.id}:${enqueueOptions.requestId}`,
        maxAttempts: enqueueOptions.maxAttempts,
      });
    },
    /** One pass: enqueue due schedules, run due sync jobs, deliver due webhooks. */
    async runOnce(signal?: AbortSignal): Promise<{ jobs: number; webhookAttempts: number }> {
      const outcomes = await jobs.drain(signal);
      const { attempts } = await deliverer.flush();
      if (options.checkpoint) {
        const started = performance.now();
        const { walPages, checkpointedPages } = options.checkpoint();
        if (walPages > 0) log.debug({ walPages, checkpointedPages, ms: Math.round(performance.now() - started) }, "database checkpointed");
      }
      return { jobs: outcomes.length, webhookAttempts: attempts };
    },
    /** Runs passes until `signal` aborts. */
    async run(signal: AbortSignal): Promise<void> {
      const pollMs = options.pollMs ?? 1_000;
      while (!signal.aborted) {
        try {
          await this.runOnce(signal);
        } catch (error) {
          log.error({ err: error }, "worker pass failed");
        }
        await waitFor(pollMs, signal);
      }
    },
  };
}

export type SyncWorker = ReturnType<typeof createSyncWorker>;
export type { SyncRunRow };
