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
  // Per batch size: the prepared statement and its placeholder names (built once, reused per batch).
  const statements = new Map<number, { statement: PreparedWrite; names: string[][] }>();
  let pending: Row[] = [];

  function write(rows: Row[]): void {
    let prepared = statements.get(rows.length);
    if (!prepared) {
      const names = rows.map((_, index) => keys.map((key) => `r${index}_${key}`));
      const placeholderRows = names.map((rowNames) =>
        Object.fromEntries(rowNames.map((name, k): [string, Placeholder] => [keys[k]!, sql.placeholder(name)])),
      );
      // Placeholders stand in for every value; drizzle encodes the bound values per column (json, boolean).
      prepared = { statement: prepare(placeholderRows as unknown as Row[]), names };
      statements.set(rows.length, prepared);
    }
    const values: Record<string, unknown> = {};
    rows.forEach((row, index) => {
      const rowNames = prepared.names[index]!;
      keys.forEach((key, k) => {
        values[rowNames[k]!] = row[key];
      });
    });
    prepared.statement.run(values);
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
