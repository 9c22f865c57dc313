export { createSecretBox, parseEncryptionKey, generateEncryptionKey, deriveKeyId } from "./secret-box.ts";
export type { SecretBox, EncryptionKey } from "./secret-box.ts";
export { resolveEncryptionKeys } from "./resolve-encryption-keys.ts";
export type { RuntimeMode, WarnLogger, ResolveEncryptionKeysInput } from "./resolve-encryption-keys.ts";
