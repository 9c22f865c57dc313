import { serve } from "@hono/node-server";
import { openDatabase } from "@mutual/db";
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
const database = openDatabase({ file: env.MUTUAL_DATABASE_FILE });
const app = createApp({ db: database.db, logger });

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
