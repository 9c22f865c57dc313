import { openDatabase } from "@mutual/db";
import type { Database } from "@mutual/db";
import { createSqliteJobRunner, systemClock } from "@mutual/jobs";
import type { Clock, JobRunner } from "@mutual/jobs";
import { createSecretBox, resolveEncryptionKeys } from "@mutual/secrets";
import type { SecretBox } from "@mutual/secrets";
import { createWebhookDeliverer } from "@mutual/webhooks";
import type { WebhookDeliverer } from "@mutual/webhooks";
import type { Logger } from "pino";
import type { SyncEnv } from "./sync-env.ts";
import { createSyncWorker } from "./sync-worker.ts";
import type { SyncWorker, SyncWorkerOptions } from "./sync-worker.ts";

export type SyncContext = {
  database: Database;
  runner: JobRunner;
  deliverer: WebhookDeliverer;
  secretBox: SecretBox;
  clock: Clock;
  logger: Logger;
};

/**
 * Opens what the worker and `mutual sync` run on: the database, the sealed-secrets box (refusing
 * production without a key), the SQLite job runner and the webhook deliverer.
 */
export function openSyncContext(env: SyncEnv, logger: Logger, clock: Clock = systemClock): SyncContext {
  const secretBox = createSecretBox(
    resolveEncryptionKeys({ mode: env.MUTUAL_ENV, key: env.MUTUAL_ENCRYPTION_KEY, previousKeys: env.MUTUAL_ENCRYPTION_PREVIOUS_KEYS, logger }),
  );
  // The worker checkpoints between passes (`checkpoint` option of the sync worker), not inside a sync's commits.
  const database = openDatabase({ file: env.MUTUAL_DATABASE_FILE, autoCheckpoint: false });
  const runner = createSqliteJobRunner({ db: database.db, clock, leaseMs: env.MUTUAL_LEASE_MS });
  const deliverer = createWebhookDeliverer({ db: database.db, secretBox, clock, logger: logger.child({ module: "webhooks" }), timeoutMs: env.MUTUAL_WEBHOOK_TIMEOUT_MS, allowPrivateNetworks: env.MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS });
  return { database, runner, deliverer, secretBox, clock, logger };
}

/**
 * The sync worker on an opened context, as every process runs it: the environment's worker id and poll
 * interval, a heartbeat at a third of the lease (so a lease set shorter than the default heartbeat is
 * still renewed in time), and the write-ahead log checkpointed between passes.
 */
export function createSyncWorkerOn(
  context: SyncContext,
  env: SyncEnv,
  options: Pick<SyncWorkerOptions, "onProgress" | "sourceHooks"> = {},
): SyncWorker {
  return createSyncWorker({
    db: context.database.db,
    runner: context.runner,
    deliverer: context.deliverer,
    secretBox: context.secretBox,
    clock: context.clock,
    logger: context.logger,
    workerId: env.MUTUAL_WORKER_ID,
    pollMs: env.MUTUAL_POLL_MS,
    heartbeatMs: Math.floor(env.MUTUAL_LEASE_MS / 3),
    checkpoint: () => context.database.checkpoint(),
    ...options,
  });
}
