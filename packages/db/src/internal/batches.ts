import { sql } from "drizzle-orm";
import type { Placeholder } from "drizzle-orm";

/**
 * Rows per multi-row statement. Keeps bound parameters (rows x columns) well under the limits of
 * SQLite (32766) and Postgres (65535) for our widest table.
 */
export const BATCH_SIZE = 500;

export function splitIntoBatches<T>(items: readonly T[], size: number = BATCH_SIZE): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Placeholders `id0..id{size-1}` for an IN list of a statement prepared once and run per batch. */
export function makeIdPlaceholders(size: number = BATCH_SIZE): Placeholder[] {
  return Array.from({ length: size }, (_, index) => sql.placeholder(`id${index}`));
}

/**
 * Values for `makeIdPlaceholders`, padded with the last id up to `size`: repeating a value in an
 * IN list changes nothing, and it lets every batch reuse the one prepared statement.
 */
export function bindPaddedIds(ids: readonly string[], size: number = BATCH_SIZE): Record<string, string> {
  const values: Record<string, string> = {};
  const last = ids.at(-1) ?? "";
  for (let index = 0; index < size; index += 1) values[`id${index}`] = ids[index] ?? last;
  return values;
}
