import { openDatabase } from "@mutual/db";
import type { Database } from "@mutual/db";
import { createSqliteJobRunner, systemClock } from "@mutual/jobs";
import type { Clock, JobRunner } from "@mutual/jobs";
import { createSecretBox, resolveEncryptionKeys } from "@mutual/secrets";
import type { SecretBox } from "@mutual/secrets";
import { createWebhookDeliverer } from "@mutual/webhooks";
import type { WebhookDeliverer } from "@mutual/webhooks";
import type { Logger } from "pino";
import type { WorkerEnv } from "./env.ts";

export type WorkerContext = {
  database: Database;
  runner: JobRunner;
  deliverer: WebhookDeliverer;
  secretBox: SecretBox;
  clock: Clock;
  logger: Logger;
};

/**
 * Opens what the worker (and `mutual sync`) run on: the database, the sealed-secrets box (refusing
 * production without a key), the SQLite job runner and the webhook deliverer.
 */
export function createWorkerContext(env: WorkerEnv, logger: Logger, clock: Clock = systemClock): WorkerContext {
  const secretBox = createSecretBox(
    resolveEncryptionKeys({ mode: env.MUTUAL_ENV, key: env.MUTUAL_ENCRYPTION_KEY, previousKeys: env.MUTUAL_ENCRYPTION_PREVIOUS_KEYS, logger }),
  );
  // The worker checkpoints between passes (`checkpoint` option of the sync worker), not inside a sync's commits.
  const database = openDatabase({ file: env.MUTUAL_DATABASE_FILE, autoCheckpoint: false });
  const runner = createSqliteJobRunner({ db: database.db, clock, leaseMs: env.MUTUAL_LEASE_MS });
  const deliverer = createWebhookDeliverer({ db: database.db, secretBox, clock, logger: logger.child({ module: "webhooks" }), timeoutMs: env.MUTUAL_WEBHOOK_TIMEOUT_MS, allowPrivateNetworks: env.MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS });
  return { database, runner, deliverer, secretBox, clock, logger };
}
