import { describe, expect, it } from "vitest";
import { parseSyncEnv } from "./sync-env.ts";

const parse = (source: Record<string, string | undefined>) => parseSyncEnv(source, "/elsewhere");

describe("parseSyncEnv", () => {
  it("reads a relative database file from where pnpm was run, so the API, worker and CLI share it", () => {
    expect(parse({ INIT_CWD: "/srv/mutual" }).MUTUAL_DATABASE_FILE).toBe("/srv/mutual/data/mutual.sqlite");
    expect(parse({ INIT_CWD: "/srv/mutual", MUTUAL_DATABASE_FILE: "/var/lib/mutual.sqlite" }).MUTUAL_DATABASE_FILE).toBe(
      "/var/lib/mutual.sqlite",
    );
    expect(parse({ MUTUAL_DATABASE_FILE: ":memory:" }).MUTUAL_DATABASE_FILE).toBe(":memory:");
    // Run outside pnpm (no INIT_CWD): from the directory the caller gives.
    expect(parse({ MUTUAL_DATABASE_FILE: "db.sqlite" }).MUTUAL_DATABASE_FILE).toBe("/elsewhere/db.sqlite");
  });

  it("splits previous encryption keys and rejects unknown modes", () => {
    expect(parse({ MUTUAL_ENCRYPTION_PREVIOUS_KEYS: "a, b,," }).MUTUAL_ENCRYPTION_PREVIOUS_KEYS).toEqual(["a", "b"]);
    expect(() => parse({ MUTUAL_ENV: "staging" })).toThrow();
  });
});
