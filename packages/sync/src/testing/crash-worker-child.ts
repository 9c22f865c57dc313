// A worker process for the crash test: the wiring of apps/worker/src/main.ts on the environment's database, with
// short leases so a killed worker's jobs come back quickly. The parent starts it ahead of time, says
// "go" on stdin, and kill -9s it at a random point.
import { pino } from "pino";
import { createSyncWorkerOn, openSyncContext } from "../open-sync-context.ts";
import { parseSyncEnv } from "../sync-env.ts";

const env = parseSyncEnv(process.env, process.cwd());
const logger = pino({ level: env.LOG_LEVEL }, process.stderr);
const context = openSyncContext(env, logger);
const worker = createSyncWorkerOn(context, env, {
  sourceHooks: { salesforce: { bulkPollIntervalMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 } } },
});
// Load the SDK before announcing readiness, so kills land in sync work rather than in module loading.
await import("@mutual/connector-salesforce");
process.stdout.write("ready\n");
// Started ahead of time (while the previous child still works), it waits for "go" on stdin.
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
await worker.run(new AbortController().signal);
