import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "@mutual/core";

/** Envelope format version; bump when the layout or algorithm changes so old values stay readable. */
const ENVELOPE_VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
// 96-bit IVs are the GCM standard size; random per message (safe well below 2^32 messages per key).
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One AES-256 key with the id written into every envelope it seals. */
export type EncryptionKey = { id: string; key: Buffer };

/**
 * Seals and opens secrets (OAuth tokens, API keys, webhook secrets) at rest.
 * Envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so keys can rotate:
 * new values use the current key, old values name the key that opened them.
 */
export type SecretBox = {
  /** Id of the key new envelopes are sealed with. */
  readonly currentKeyId: string;
  /** `context` (e.g. "connection:<id>") is authenticated, not stored: opening needs the same context. */
  encrypt(plaintext: string, context?: string): string;
  decrypt(envelope: string, context?: string): string;
};

/** A stable, non-secret id for a key: the first 8 hex digits of its SHA-256. */
export function deriveKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** Parses a 32-byte key given as base64/base64url (44/43 chars) or hex (64 chars). */
export function parseEncryptionKey(text: string): EncryptionKey {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64url");
  if (key.length !== KEY_BYTES) {
    throw new AppError("invalid_input", `encryption key must be ${KEY_BYTES} bytes as base64 or hex, got ${key.length} bytes`);
  }
  return { id: deriveKeyId(key), key };
}

/** A fresh random key as base64url, e.g. for `MUTUAL_ENCRYPTION_KEY`. */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString("base64url");
}

function reject(reason: string): never {
  // One message for every failure mode: callers must not learn which part of a forged value was wrong.
  throw new AppError("invalid_data", `cannot decrypt secret: ${reason}`);
}

/**
 * A box over one or more keys; the first key seals new values, every key can open old ones
 * (list the previous key after the new one while rotating).
 */
export function createSecretBox(keys: readonly EncryptionKey[]): SecretBox {
  const [current] = keys;
  if (!current) throw new AppError("invalid_input", "createSecretBox needs at least one key");
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (key.length !== KEY_BYTES) throw new AppError("invalid_input", `key ${id} must be ${KEY_BYTES} bytes`);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new AppError("invalid_input", `key id '${id}' must be [A-Za-z0-9_-]+`);
    byId.set(id, key);
  }

  return {
    currentKeyId: current.id,
    encrypt(plaintext, context = "") {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, current.key, iv, { authTagLength: TAG_BYTES });
      // The version and key id are authenticated too, so they cannot be swapped on a stored value.
      cipher.setAAD(Buffer.from(`${ENVELOPE_VERSION}.${current.id}.${context}`));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
      return [ENVELOPE_VERSION, current.id, ...parts].join(".");
    },
    decrypt(envelope, context = "") {
      const parts = envelope.split(".");
      if (parts.length !== 5) reject("not a sealed value");
      const [version, keyId, ivText, tagText, ciphertextText] = parts as [string, string, string, string, string];
      if (version !== ENVELOPE_VERSION) reject(`unsupported envelope version '${version}'`);
      const key = byId.get(keyId);
      if (!key) reject(`unknown key id '${keyId}'`);
      const iv = Buffer.from(ivText, "base64url");
      const tag = Buffer.from(tagText, "base64url");
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) reject("malformed envelope");
      try {
        const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(`${version}.${keyId}.${context}`));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        reject("authentication failed (tampered value, wrong key or wrong context)");
      }
    },
  };
}
