import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.ts";
import { createOrganization, listOrganizations } from "./repositories/organizations.ts";

const journal = JSON.parse(
  readFileSync(new URL("../migrations/meta/_journal.json", import.meta.url), "utf8"),
) as { entries: unknown[] };

function countAppliedMigrations(db: ReturnType<typeof openDatabase>["db"]): number {
  return db.get<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`).n;
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("opens an in-memory database with every migration applied and foreign keys enforced", () => {
    const handle = openDatabase({ file: ":memory:" });
    try {
      expect(handle.file).toBe(":memory:");
      expect(countAppliedMigrations(handle.db)).toBe(journal.entries.length);
      expect(handle.db.get<{ foreign_keys: number }>(sql`pragma foreign_keys`).foreign_keys).toBe(1);
      const tables = handle.db
        .all<{ name: string }>(sql`select name from sqlite_master where type = 'table' order by name`)
        .map((row) => row.name)
        .filter((name) => !name.startsWith("__drizzle") && !name.startsWith("sqlite_"));
      // arrayContaining: other areas add their own tables (jobs, outbox, attribution, ...) in parallel.
      expect(tables).toEqual(expect.arrayContaining([
        "accounts",
        "disclosure_events",
        "disclosure_records",
        "import_runs",
        "opportunities",
        "organizations",
        "overlaps",
        "partners",
        "partnerships",
        "populations",
        "sharing_rules",
        "users",
      ]));
      // Reached only through its primary key: kept in that key's b-tree (migration 0002).
      const snapshot = handle.db.get<{ sql: string }>(sql`select sql from sqlite_master where name = 'published_overlaps'`);
      expect(snapshot.sql).toMatch(/WITHOUT ROWID$/);
    } finally {
      handle.close();
    }
  });

  it("creates the folder of a file database, uses WAL, keeps data across reopen and does not re-apply migrations", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mutual-db-"));
    tempDirs.push(dir);
    const file = join(dir, "nested", "mutual.sqlite");

    const first = openDatabase({ file });
    expect(first.file).toBe(file);
    expect(first.db.get<{ journal_mode: string }>(sql`pragma journal_mode`).journal_mode).toBe("wal");
    expect(first.db.get<{ timeout: number }>(sql`pragma busy_timeout`).timeout).toBe(5000);
    await createOrganization(first.db, { id: "org-1", name: "Kept" });
    first.close();

    const second = openDatabase({ file });
    try {
      expect((await listOrganizations(second.db)).map((org) => org.name)).toEqual(["Kept"]);
      expect(countAppliedMigrations(second.db)).toBe(journal.entries.length);
    } finally {
      second.close();
    }
  });

  it("defaults to ./data/mutual.sqlite and finds its migrations from any working directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "mutual-db-"));
    tempDirs.push(dir);
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const handle = openDatabase();
      expect(handle.file).toBe(join(realpathSync(dir), "data", "mutual.sqlite"));
      expect(countAppliedMigrations(handle.db)).toBe(journal.entries.length);
      handle.close();
    } finally {
      process.chdir(previous);
    }
  });

  it("reports a file it cannot open as one AppError line", () => {
    const dir = mkdtempSync(join(tmpdir(), "mutual-db-"));
    tempDirs.push(dir);
    const notADatabase = join(dir, "notes.sqlite");
    writeFileSync(notADatabase, "this is not a database file, just text long enough to have a header page");
    expect(() => openDatabase({ file: notADatabase })).toThrow(
      expect.objectContaining({ code: "internal", message: expect.stringContaining(`cannot open database ${notADatabase}`) }),
    );
  });

  it("with autoCheckpoint false leaves the write-ahead log to checkpoint(), which copies it all when nobody reads", () => {
    const dir = mkdtempSync(join(tmpdir(), "mutual-db-"));
    tempDirs.push(dir);
    // ~2,000 pages of 4 KiB per run: past SQLite's automatic checkpoint at 1,000 pages.
    const writeMuch = (handle: ReturnType<typeof openDatabase>) => {
      handle.db.run(sql`create table if not exists filler (n integer primary key, text text not null)`);
      handle.db.run(
        sql`insert into filler (text) with recursive k(i) as (select 1 union all select i + 1 from k where i < 2000) select printf('%.4000c', 'x') from k`,
      );
    };
    const walPages = (handle: ReturnType<typeof openDatabase>) => handle.db.get<{ log: number }>(sql`pragma wal_checkpoint(NOOP)`).log;

    const manual = openDatabase({ file: join(dir, "manual.sqlite"), autoCheckpoint: false });
    try {
      writeMuch(manual);
      writeMuch(manual);
      // Nothing was copied at commit: the log holds both transactions.
      expect(walPages(manual)).toBeGreaterThan(4000);
      const result = manual.checkpoint();
      expect(result.walPages).toBeGreaterThan(4000);
      expect(result.checkpointedPages).toBe(result.walPages);
      expect(manual.db.get<{ n: number }>(sql`select count(*) as n from filler`).n).toBe(4000);
    } finally {
      manual.close();
    }

    const automatic = openDatabase({ file: join(dir, "automatic.sqlite") });
    try {
      writeMuch(automatic);
      // The commit past 1,000 pages checkpointed: what the log holds is already in the database file.
      const [state] = automatic.db.all<{ log: number; checkpointed: number }>(sql`pragma wal_checkpoint(NOOP)`);
      expect(state!.checkpointed).toBe(state!.log);
    } finally {
      automatic.close();
    }
  });

  it("checkpoint() of an in-memory database reports an empty log", () => {
    const handle = openDatabase({ file: ":memory:" });
    try {
      expect(handle.checkpoint()).toEqual({ walPages: 0, checkpointedPages: 0 });
    } finally {
      handle.close();
    }
  });
});
