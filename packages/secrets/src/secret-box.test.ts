import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox, deriveKeyId, generateEncryptionKey, parseEncryptionKey } from "./secret-box.ts";

const keyA = parseEncryptionKey(generateEncryptionKey());
const keyB = parseEncryptionKey(randomBytes(32).toString("hex"));

function flipCharAt(text: string, index: number): string {
  const char = text[index] === "A" ? "B" : "A";
  return text.slice(0, index) + char + text.slice(index + 1);
}

describe("secret box", () => {
  it("round-trips text, including unicode and empty strings", () => {
    const box = createSecretBox([keyA]);
    for (const plaintext of ["", "refresh-token-123", "ключ 🔑"]) {
      expect(box.decrypt(box.encrypt(plaintext))).toBe(plaintext);
    }
  });

  it("writes a versioned envelope with the key id and never the plaintext", () => {
    const box = createSecretBox([keyA]);
    const envelope = box.encrypt("super-secret");
    const [version, keyId, iv, tag] = envelope.split(".");
    expect(version).toBe("v1");
    expect(keyId).toBe(keyA.id);
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(envelope).not.toContain("super-secret");
    // A fresh IV per message: the same plaintext never seals to the same envelope.
    expect(box.encrypt("super-secret")).not.toBe(envelope);
  });

  it("detects tampering with any part of the envelope", () => {
    const box = createSecretBox([keyA]);
    const envelope = box.encrypt("token value that is long enough");
    const [version, keyId, iv, tag, ciphertext] = envelope.split(".") as [string, string, string, string, string];
    const forged = [
      [version, keyId, flipCharAt(iv, 2), tag, ciphertext],
      [version, keyId, iv, flipCharAt(tag, 2), ciphertext],
      [version, keyId, iv, tag, flipCharAt(ciphertext, 3)],
      [version, keyId, iv, tag, ciphertext.slice(0, -2)],
      ["v2", keyId, iv, tag, ciphertext],
      [version, "other", iv, tag, ciphertext],
    ].map((parts) => parts.join("."));
    for (const value of [...forged, "not-an-envelope", ""]) {
      expect(() => box.decrypt(value)).toThrow(expect.objectContaining({ code: "invalid_data" }));
    }
  });

  it("binds the envelope to its context", () => {
    const box = createSecretBox([keyA]);
    const envelope = box.encrypt("token", "connection:c1");
    expect(box.decrypt(envelope, "connection:c1")).toBe("token");
    expect(() => box.decrypt(envelope, "connection:c2")).toThrow(/authentication failed/);
    expect(() => box.decrypt(envelope)).toThrow(/authentication failed/);
  });

  it("rotates keys: seals with the first key, opens with any listed key", () => {
    const oldBox = createSecretBox([keyB]);
    const sealedWithOld = oldBox.encrypt("old secret");
    const rotated = createSecretBox([keyA, keyB]);
    expect(rotated.currentKeyId).toBe(keyA.id);
    expect(rotated.decrypt(sealedWithOld)).toBe("old secret");
    expect(rotated.encrypt("new").split(".")[1]).toBe(keyA.id);
    expect(() => createSecretBox([keyA]).decrypt(sealedWithOld)).toThrow(/unknown key id/);
  });

  it("parses base64, base64url and hex keys and rejects wrong lengths", () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString("base64")).key.equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString("base64url")).key.equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString("hex")).id).toBe(deriveKeyId(raw));
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => createSecretBox([])).toThrow(/at least one key/);
  });
});
