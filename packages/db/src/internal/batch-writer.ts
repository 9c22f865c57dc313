import { sql } from "drizzle-orm";
import type { Placeholder } from "drizzle-orm";
import { BATCH_SIZE } from "./batches.ts";

type PreparedWrite = { run(values: Record<string, unknown>): unknown };

/**
 * Buffers rows and writes them with one multi-row statement per `BATCH_SIZE` rows. The statement is
 * built once per batch size with named placeholders and re-run with new values: building drizzle
 * SQL for thousands of values per batch otherwise costs several times the database's own work.
 * `prepare` receives rows of placeholders (typed as rows) and returns the prepared statement.
 */
export function createBatchWriter<Row extends Record<string, unknown>>(
  keys: readonly (keyof Row & string)[],
  prepare: (placeholderRows: Row[]) => PreparedWrite,
): { add(row: Row): void; flush(): void } {
  const statements = new Map<number, PreparedWrite>();
  let pending: Row[] = [];

  function write(rows: Row[]): void {
    let statement = statements.get(rows.length);
    if (!statement) {
      const placeholderRows = rows.map((_, index) =>
        Object.fromEntries(keys.map((key): [string, Placeholder] => [key, sql.placeholder(`r${index}_${key}`)])),
      );
      // Placeholders stand in for every value; drizzle encodes the bound values per column (json, boolean).
      statement = prepare(placeholderRows as unknown as Row[]);
      statements.set(rows.length, statement);
    }
    const values: Record<string, unknown> = {};
    rows.forEach((row, index) => {
      for (const key of keys) values[`r${index}_${key}`] = row[key];
    });
    statement.run(values);
  }

  return {
    add(row) {
      pending.push(row);
      if (pending.length >= BATCH_SIZE) {
        write(pending);
        pending = [];
      }
    },
    flush() {
      if (pending.length > 0) write(pending);
      pending = [];
    },
  };
}
