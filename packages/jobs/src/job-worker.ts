import type { FailOutcome, JobRunner, LeasedJob } from "./job-runner.ts";
import { waitFor } from "./wait-for.ts";

/** The logger methods the worker uses (pino-compatible). */
export type WorkerLogger = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export type JobContext = {
  /** Aborted when the lease is lost or the worker stops: stop at the next safe point. */
  signal: AbortSignal;
  /** Extends the lease now (long handlers also get automatic heartbeats). */
  heartbeat(): Promise<boolean>;
};

export type JobHandler = (job: LeasedJob, ctx: JobContext) => Promise<unknown>;

export type JobWorkerOptions = {
  runner: JobRunner;
  /** One handler per queue; only these queues are leased. */
  handlers: Record<string, JobHandler>;
  workerId: string;
  logger: WorkerLogger;
  /** Automatic heartbeat period while a handler runs (default 10 s; keep it well under the lease). */
  heartbeatMs?: number;
  /** Pause between polls when no job is due (default 1 s). */
  pollMs?: number;
  /** Whether a handler's error may be retried (default: the runner decides). */
  isRetryable?: (error: unknown) => boolean | undefined;
};

export type JobOutcome = { job: LeasedJob; outcome: "succeeded" | FailOutcome["state"] };

/**
 * Runs jobs: lease, run the queue's handler with heartbeats, complete or fail (retry / dead-letter).
 * Backend-agnostic: it only talks to the JobRunner interface.
 */
export function createJobWorker(options: JobWorkerOptions) {
  const { runner, handlers, workerId, logger } = options;
  const queues = Object.keys(handlers);
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const pollMs = options.pollMs ?? 1_000;

  async function runJob(job: LeasedJob, stopSignal?: AbortSignal): Promise<JobOutcome> {
    const controller = new AbortController();
    const onStop = () => controller.abort(stopSignal?.reason);
    stopSignal?.addEventListener("abort", onStop, { once: true });
    const heartbeat = async () => {
      const held = await runner.heartbeat(job);
      if (!held) controller.abort(new Error("lease lost"));
      return held;
    };
    const timer = setInterval(() => void heartbeat().catch(() => undefined), heartbeatMs);
    const fields = { jobId: job.id, queue: job.queue, attempt: job.attempts };
    try {
      const result = await handlers[job.queue]!(job, { signal: controller.signal, heartbeat });
      const completed = await runner.complete(job, result);
      logger.info(fields, completed ? "job succeeded" : "job finished after its lease was lost");
      return { job, outcome: completed ? "succeeded" : "lease_lost" };
    } catch (error) {
      const outcome = await runner.fail(job, error, { retryable: options.isRetryable?.(error) });
      const log = outcome.state === "dead" ? logger.error : logger.warn;
      log.call(logger, { ...fields, err: error, outcome }, `job failed (${outcome.state})`);
      return { job, outcome: outcome.state };
    } finally {
      clearInterval(timer);
      stopSignal?.removeEventListener("abort", onStop);
    }
  }

  /** Enqueues due schedules, then runs due jobs one at a time until none is left. */
  async function drain(stopSignal?: AbortSignal): Promise<JobOutcome[]> {
    await runner.enqueueDueSchedules();
    const outcomes: JobOutcome[] = [];
    while (!stopSignal?.aborted) {
      const [job] = await runner.lease({ queues, workerId, limit: 1 });
      if (!job) break;
      outcomes.push(await runJob(job, stopSignal));
    }
    return outcomes;
  }

  /** Polls until `signal` aborts. */
  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await drain(signal);
      } catch (error) {
        // The queue itself failed (e.g. the database is locked or gone). Keep polling: a job whose outcome
        // could not be recorded is leased again once its lease expires.
        logger.error({ err: error, workerId }, "job worker could not lease or record a job; retrying");
      }
      await waitFor(pollMs, signal);
    }
  }

  return { runJob, drain, run };
}
