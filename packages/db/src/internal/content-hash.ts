import { hash } from "node:crypto";

/**
 * Hash of an ordered list of field values, for change detection only (not security), so the fast
 * one-shot SHA-1 is enough.
 */
export function hashContent(values: readonly unknown[]): string {
  return hash("sha1", JSON.stringify(values), "base64url");
}

/** Record entries sorted by key, so key order in the input does not change the hash. */
export function sortRecord(record: Readonly<Record<string, string>> | undefined): [string, string][] | null {
  if (!record) return null;
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
