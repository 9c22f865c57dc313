import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

/** Everything the API process reads from its environment, validated once at start. */
export const EnvSchema = z.object({
  /** SQLite file; migrations are applied on open. */
  MUTUAL_DATABASE_FILE: z.string().min(1).default("./data/mutual.sqlite"),
  /** Loopback by default: put a proxy in front to expose it. */
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Webhook subscriptions seal their signing secrets: the same keys and settings as the worker's.
  MUTUAL_ENV: z.enum(["production", "development", "test"]).default("development"),
  /** 32-byte key (base64 or hex); required in production. */
  MUTUAL_ENCRYPTION_KEY: z.string().optional(),
  MUTUAL_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((key) => key.trim()).filter(Boolean) : [])),
  /** "true" lets subscriptions point at loopback/private receivers (local development); off by default (SSRF). */
  MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});
export type Env = z.infer<typeof EnvSchema>;

/** Parses an environment (process.env in main); a bad value stops the process with every problem listed. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) {
    // A relative file is read from where the user ran pnpm (INIT_CWD): API, worker and CLI share one database.
    const file = result.data.MUTUAL_DATABASE_FILE;
    if (file === ":memory:" || isAbsolute(file)) return result.data;
    return { ...result.data, MUTUAL_DATABASE_FILE: resolve(source.INIT_CWD ?? process.cwd(), file) };
  }
  const lines = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`invalid environment:\n${lines.join("\n")}`);
}
