// A worker process for the crash test: the real worker wiring on the environment's database, with
// short leases so a killed worker's jobs come back quickly. The parent starts it ahead of time, says
// "go" on stdin, and kill -9s it at a random point.
import { createWorkerContext } from "../create-worker-context.ts";
import { parseWorkerEnv } from "../env.ts";
import { createLogger } from "../logger.ts";
import { createSyncWorker } from "../sync-worker.ts";

const env = parseWorkerEnv();
const logger = createLogger({ level: env.LOG_LEVEL });
const context = createWorkerContext(env, logger);
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
  sourceHooks: { salesforce: { bulkPollIntervalMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 } } },
});
// Load the SDK before announcing readiness, so kills land in sync work rather than in module loading.
await import("@mutual/connector-salesforce");
process.stdout.write("ready\n");
// Started ahead of time (while the previous child still works), it waits for "go" on stdin.
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
await worker.run(new AbortController().signal);
