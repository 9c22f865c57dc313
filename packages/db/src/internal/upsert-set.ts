import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { Column } from "drizzle-orm";

const casing = new CasingCache("snake_case");

/**
 * `set` clause for a multi-row `onConflictDoUpdate` that takes each column from the proposed row
 * (`excluded.<column>`, valid in SQLite and Postgres). Column names follow the snake_case casing.
 */
export function setFromExcluded<C extends Record<string, Column>, K extends keyof C & string>(
  columns: C,
  keys: readonly K[],
): Record<K, SQL> {
  const set = {} as Record<K, SQL>;
  for (const key of keys) set[key] = sql.raw(`excluded."${casing.getColumnCasing(columns[key]!)}"`);
  return set;
}
