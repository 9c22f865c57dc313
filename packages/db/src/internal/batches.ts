import { sql } from "drizzle-orm";
import type { SQL, SQLWrapper } from "drizzle-orm";

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

/**
 * `column IN (the strings of a JSON array bound to the placeholder)`: one statement, prepared once, for any
 * number of ids (SQLite looks each up in the column's index). Bind with `bindIdList`. A Postgres dialect
 * maps it to `column = ANY($1)`.
 */
export function inIdList(column: SQLWrapper, name = "ids"): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

/** Values for `inIdList`. */
export function bindIdList(ids: readonly string[], name = "ids"): Record<string, string> {
  return { [name]: JSON.stringify(ids) };
}
