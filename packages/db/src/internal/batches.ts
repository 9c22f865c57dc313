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
