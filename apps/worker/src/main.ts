import { isAppError } from "@mutual/core";
import { createWorkerContext } from "./create-worker-context.ts";
import { parseWorkerEnv } from "./env.ts";
import { warnIfHeapTooSmall } from "./heap-check.ts";
import { createLogger } from "./logger.ts";
import { createSyncWorker } from "./sync-worker.ts";

// The worker process: `pnpm --filter @mutual/worker start`. Stops cleanly on SIGINT/SIGTERM; a kill -9
// is safe too (leases expire, runs resume from their checkpoints).
const env = parseWorkerEnv();
const logger = createLogger({ level: env.LOG_LEVEL });
try {
  const context = createWorkerContext(env, logger);
  warnIfHeapTooSmall(context.database.db, logger);
  const worker = createSyncWorker({
    db: context.database.db,
    runner: context.runner,
    deliverer: context.deliverer,
    secretBox: context.secretBox,
    clock: context.clock,
    logger,
    workerId: env.MUTUAL_WORKER_ID,
    pollMs: env.MUTUAL_POLL_MS,
    heartbeatMs: Math.floor(env.MUTUAL_LEASE_MS / 3),
    checkpoint: () => context.database.checkpoint(),
  });
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
  logger.info({ workerId: env.MUTUAL_WORKER_ID, database: context.database.file }, "worker started");
  await worker.run(stop.signal);
  context.database.close();
  logger.info("worker stopped");
} catch (error) {
  logger.fatal({ err: error }, isAppError(error) ? error.message : "worker failed to start");
  process.exitCode = 1;
}
