import type { Db } from "../database.ts";

/**
 * Prepared statements per connection and name. A drizzle db and all its transactions share one session
 * (one connection), so a statement prepared in one transaction serves the next: building the SQL of a
 * query (a 500-row insert above all) costs more than running it.
 */
const preparedBySession = new WeakMap<object, Map<string, unknown>>();

/**
 * The statement `name` of the connection `db` belongs to, built by `build` on first use and kept for the
 * connection's lifetime. `name` must stand for one statement: the same SQL whatever call asks for it.
 */
export function reusePrepared<T>(db: Db, name: string, build: () => T): T {
  // `session` is drizzle's (untyped) handle on the connection; every transaction object carries the db's.
  const session = (db as unknown as { session: object }).session;
  let byName = preparedBySession.get(session);
  if (!byName) preparedBySession.set(session, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, build());
  return byName.get(name) as T;
}
