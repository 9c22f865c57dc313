import { describe, expect, it } from "vitest";
import { createSecretBox, generateEncryptionKey, parseEncryptionKey } from "./secret-box.ts";
import { resolveEncryptionKeys } from "./resolve-encryption-keys.ts";

function createRecordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (_fields: object, message: string) => void warnings.push(message) } };
}

describe("resolveEncryptionKeys", () => {
  it("refuses production mode without a key", () => {
    const { logger } = createRecordingLogger();
    for (const key of [undefined, "", "  "]) {
      expect(() => resolveEncryptionKeys({ mode: "production", key, logger })).toThrow(
        expect.objectContaining({ code: "invalid_input", message: expect.stringMatching(/MUTUAL_ENCRYPTION_KEY is required/) }),
      );
    }
  });

  it("uses the configured key (and previous ones for rotation) without warning", () => {
    const { logger, warnings } = createRecordingLogger();
    const current = generateEncryptionKey();
    const previous = generateEncryptionKey();
    const keys = resolveEncryptionKeys({ mode: "production", key: current, previousKeys: [previous], logger });
    expect(keys.map((k) => k.id)).toEqual([parseEncryptionKey(current).id, parseEncryptionKey(previous).id]);
    expect(warnings).toEqual([]);
  });

  it("warns loudly in development and still works with the public development key", () => {
    const { logger, warnings } = createRecordingLogger();
    const keys = resolveEncryptionKeys({ mode: "development", logger });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/NO ENCRYPTION KEY.*NOT protected/);
    const box = createSecretBox(keys);
    expect(box.currentKeyId).toBe("insecure-dev");
    expect(box.decrypt(box.encrypt("dev token"))).toBe("dev token");
  });

  it("rejects a malformed key instead of silently falling back", () => {
    const { logger } = createRecordingLogger();
    expect(() => resolveEncryptionKeys({ mode: "development", key: "short", logger })).toThrow(/32 bytes/);
  });
});
