import { createHash } from "node:crypto";
import { AppError } from "@mutual/core";
import { parseEncryptionKey } from "./secret-box.ts";
import type { EncryptionKey } from "./secret-box.ts";

export type RuntimeMode = "production" | "development" | "test";

/** The one logger method this package uses (pino-compatible). */
export type WarnLogger = { warn(fields: object, message: string): void };

export type ResolveEncryptionKeysInput = {
  mode: RuntimeMode;
  /** The current key (base64 or hex), usually from `MUTUAL_ENCRYPTION_KEY`. */
  key?: string | undefined;
  /** Previous keys still accepted for decryption while rotating. */
  previousKeys?: readonly string[] | undefined;
  logger: WarnLogger;
};

// Public on purpose: anyone can derive it, so data sealed with it is NOT protected.
const INSECURE_DEVELOPMENT_KEY = createHash("sha256").update("mutual insecure development key").digest();

/**
 * The keys an app seals secrets with. Production without a key is refused (AppError "invalid_input"),
 * so tokens are never stored under a guessable key; development and tests fall back to a fixed,
 * public key and log a loud warning.
 */
export function resolveEncryptionKeys(input: ResolveEncryptionKeysInput): EncryptionKey[] {
  const previous = (input.previousKeys ?? []).map(parseEncryptionKey);
  if (input.key !== undefined && input.key.trim() !== "") return [parseEncryptionKey(input.key), ...previous];
  if (input.mode === "production") {
    throw new AppError(
      "invalid_input",
      "MUTUAL_ENCRYPTION_KEY is required in production: refusing to store CRM tokens and secrets unencrypted",
    );
  }
  input.logger.warn(
    { mode: input.mode },
    "!!! NO ENCRYPTION KEY: secrets are sealed with a PUBLIC development key and are NOT protected. " +
      "Set MUTUAL_ENCRYPTION_KEY (32 bytes, base64) before storing real credentials. !!!",
  );
  return [{ id: "insecure-dev", key: INSECURE_DEVELOPMENT_KEY }, ...previous];
}
