import { serve } from "@hono/node-server";
import { openDatabase } from "@mutual/db";
import { createSecretBox, resolveEncryptionKeys } from "@mutual/secrets";
import { createWebhookDeliverer } from "@mutual/webhooks";
import { pino } from "pino";
import { createApp } from "./app.ts";
import { parseEnv } from "./env.ts";

// The one place that reads process.env; a bad setting is one line, not a stack trace.
let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv(process.env);
} catch (error) {
  process.stderr.write(`mutual api: ${(error as Error).message}\n`);
  process.exit(2);
}
const logger = pino({ level: env.LOG_LEVEL });
let secretBox: ReturnType<typeof createSecretBox>;
try {
  // Refuses production without a key; development warns and uses the public development key.
  secretBox = createSecretBox(
    resolveEncryptionKeys({ mode: env.MUTUAL_ENV, key: env.MUTUAL_ENCRYPTION_KEY, previousKeys: env.MUTUAL_ENCRYPTION_PREVIOUS_KEYS, logger }),
  );
} catch (error) {
  process.stderr.write(`mutual api: ${(error as Error).message}\n`);
  process.exit(2);
}
const database = openDatabase({ file: env.MUTUAL_DATABASE_FILE });
const webhooks = createWebhookDeliverer({
  db: database.db,
  secretBox,
  logger: logger.child({ module: "webhooks" }),
  allowPrivateNetworks: env.MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS,
});
const app = createApp({ db: database.db, logger, webhooks });

const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  logger.info({ host: info.address, port: info.port }, "api listening");
});

function shutdown() {
  server.close(() => {
    database.close();
    process.exit(0);
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
