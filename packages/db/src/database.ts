import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "@mutual/core";
import BetterSqlite3 from "better-sqlite3";
import type { RunResult } from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";

/** The drizzle database (or a transaction on it) that every repository function takes first. */
export type Db = BaseSQLiteDatabase<"sync", RunResult>;

/** An open database: the drizzle `db` for repositories, and `close()` to release the file. */
export type Database = {
  readonly db: Db;
  /** Absolute path of the database file, or ":memory:". */
  readonly file: string;
  /**
   * Copies the write-ahead log into the database file as far as open readers allow (a passive
   * checkpoint: it never waits). For connections opened with `autoCheckpoint: false`.
   */
  checkpoint(): { walPages: number; checkpointedPages: number };
  close(): void;
};

export type OpenDatabaseOptions = {
  /** SQLite file (folders are created); ":memory:" for tests. Default `./data/mutual.sqlite`. */
  file?: string;
  /**
   * Default true: a commit that grows the write-ahead log past 1,000 pages also copies it into the
   * database file (SQLite's default), inside that commit. False: this connection's commits never do;
   * the owner calls `checkpoint()` between units of work (the sync worker after each pass), so a sync's
   * transactions do not pay for it. Other connections keep checkpointing as usual.
   */
  autoCheckpoint?: boolean;
};

/**
 * Transaction options for read-then-write repository transactions: take the write lock up front so
 * a concurrent writer (another process) makes us wait `busy_timeout` instead of failing the upgrade.
 * The one dialect-specific setting repositories use; a Postgres dialect maps it to its own options.
 */
export const WRITE_TRANSACTION = { behavior: "immediate" } as const;

export const DEFAULT_DATABASE_FILE = "./data/mutual.sqlite";

// Resolved from this module, not the working directory, so any app can open the database.
const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));

/** Opens (creating if needed) the database, sets pragmas and applies pending migrations. */
export function openDatabase(options: OpenDatabaseOptions = {}): Database {
  const requested = options.file ?? DEFAULT_DATABASE_FILE;
  const inMemory = requested === ":memory:";
  const file = inMemory ? requested : resolve(requested);
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });

  let client: BetterSqlite3.Database | undefined;
  try {
    client = new BetterSqlite3(file);
    if (!inMemory) {
      // WAL lets readers run beside the single writer; NORMAL sync is durable enough under WAL.
      client.pragma("journal_mode = WAL");
      client.pragma("synchronous = NORMAL");
    }
    client.pragma("foreign_keys = ON");
    client.pragma("busy_timeout = 5000");
    // 64 MiB of page cache (the default is 2 MiB): a sync's reads and its transaction's dirty pages stay
    // in memory instead of spilling to the WAL before the commit.
    client.pragma("cache_size = -65536");
    if (options.autoCheckpoint === false) client.pragma("wal_autocheckpoint = 0");

    const db = drizzle({ client, casing: "snake_case" });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const opened = client;
    const checkpoint = () => {
      if (inMemory) return { walPages: 0, checkpointedPages: 0 };
      const [result] = opened.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
      return { walPages: Math.max(0, result?.log ?? 0), checkpointedPages: Math.max(0, result?.checkpointed ?? 0) };
    };
    return { db, file, checkpoint, close: () => opened.close() };
  } catch (error) {
    client?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("internal", `cannot open database ${file}: ${reason}`, { cause: error });
  }
}
