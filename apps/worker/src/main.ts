import { isAppError } from "@mutual/core";
import { createSyncWorkerOn, openSyncContext } from "@mutual/sync";
import { parseWorkerEnv } from "./env.ts";
import type { WorkerEnv } from "./env.ts";
import { warnIfHeapTooSmall } from "./heap-check.ts";
import { createLogger } from "./logger.ts";

// The worker process: `pnpm --filter @mutual/worker start`. Stops cleanly on SIGINT/SIGTERM; a kill -9
// is safe too (leases expire, runs resume from their checkpoints).
const env = readEnvironment();
const logger = createLogger({ level: env.LOG_LEVEL });
try {
  const context = openSyncContext(env, logger);
  warnIfHeapTooSmall(context.database.db, logger);
  const worker = createSyncWorkerOn(context, env);
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

/** The worker's settings; a bad variable ends the process with one line per problem (no logger exists yet). */
function readEnvironment(): WorkerEnv {
  try {
    return parseWorkerEnv();
  } catch (error) {
    process.stderr.write(`mutual worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
