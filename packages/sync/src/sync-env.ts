import { isAbsolute, resolve } from "node:path";
import { AppError } from "@mutual/core";
import { z } from "zod";

/**
 * What a process that runs syncs reads from its environment (the worker, and the CLI's `mutual sync`): the
 * database, the sealing keys, the job lease and the webhook delivery settings.
 */
export const SyncEnvSchema = z.object({
  MUTUAL_ENV: z.enum(["production", "development", "test"]).default("development"),
  MUTUAL_DATABASE_FILE: z.string().min(1).default("./data/mutual.sqlite"),
  /** 32-byte key (base64 or hex) sealing CRM tokens and webhook secrets; required in production. */
  MUTUAL_ENCRYPTION_KEY: z.string().optional(),
  /** Comma-separated previous keys, still accepted for decryption while rotating. */
  MUTUAL_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((key) => key.trim()).filter(Boolean) : [])),
  MUTUAL_WORKER_ID: z.string().min(1).default(`worker-${process.pid}`),
  MUTUAL_POLL_MS: z.coerce.number().int().positive().default(1_000),
  MUTUAL_LEASE_MS: z.coerce.number().int().positive().default(30_000),
  /** Per-request timeout of webhook deliveries; a crashed delivery is retried after twice this. */
  MUTUAL_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** "true" lets webhooks reach loopback/private/link-local receivers (local development, tests); off by default (SSRF). */
  MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type SyncEnv = z.infer<typeof SyncEnvSchema>;

/**
 * Parses an environment the caller read (`process.env` in an app). A relative database file is read from
 * `source.INIT_CWD`, else from `cwd`. A bad value is an `invalid_input` error naming every bad variable, one
 * a line (never its value: one of them is a key).
 */
export function parseSyncEnv(source: Record<string, string | undefined>, cwd: string): SyncEnv {
  const parsed = SyncEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new AppError("invalid_input", `invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  // A relative file is read from where the user ran pnpm (INIT_CWD), so the worker, the API and the CLI started
  // from the same directory share one database whatever package directory pnpm runs them in.
  const file = env.MUTUAL_DATABASE_FILE;
  if (file !== ":memory:" && !isAbsolute(file)) env.MUTUAL_DATABASE_FILE = resolve(source.INIT_CWD ?? cwd, file);
  return env;
}
