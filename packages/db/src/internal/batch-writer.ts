import { sql } from "drizzle-orm";
import type { Placeholder } from "drizzle-orm";
import type { Db } from "../database.ts";
import { BATCH_SIZE } from "./batches.ts";
import { reusePrepared } from "./prepared.ts";

type PreparedWrite = { run(values: Record<string, unknown>): unknown };
type PreparedBatch = { statement: PreparedWrite; names: string[][] };

/**
 * Buffers rows and writes them with one multi-row statement per `BATCH_SIZE` rows; a shorter rest is
 * written in power-of-two parts (82 rows: 64, 16, 2), so a connection prepares at most a few statements
 * per `name` however many calls come, and keeps them (`name` must stand for one statement shape: the
 * same table, columns and conflict handling). Rows are written in the order added.
 * `prepare` receives rows of named placeholders (typed as rows) and returns the prepared statement.
 */
export function createBatchWriter<Row extends Record<string, unknown>>(
  db: Db,
  name: string,
  keys: readonly (keyof Row & string)[],
  prepare: (placeholderRows: Row[]) => PreparedWrite,
): { add(row: Row): void; flush(): void } {
  const statements = reusePrepared(db, `${name}#batches`, () => new Map<number, PreparedBatch>());
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
      let at = 0;
      for (let part = 1 << Math.floor(Math.log2(BATCH_SIZE)); part >= 1; part >>= 1) {
        while (pending.length - at >= part) {
          write(pending.slice(at, at + part));
          at += part;
        }
      }
      pending = [];
    },
  };
}
