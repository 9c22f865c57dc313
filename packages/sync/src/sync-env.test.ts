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
    expect(() => parse({ MUTUAL_ENV: "staging" })).toThrow(/MUTUAL_ENV: Invalid option/);
  });

  it("names every bad variable on its own line, without echoing values", () => {
    const error = (() => {
      try {
        parse({ MUTUAL_LEASE_MS: "soon", MUTUAL_POLL_MS: "-5", MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "yes-secret" });
      } catch (thrown) {
        return thrown as Error & { code?: string };
      }
      throw new Error("expected parseSyncEnv to throw");
    })();
    expect(error.code).toBe("invalid_input");
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("invalid environment:");
    expect(lines.slice(1).map((line) => line.trim().split(":")[0]).sort()).toEqual(
      ["MUTUAL_LEASE_MS", "MUTUAL_POLL_MS", "MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS"],
    );
    expect(error.message).not.toContain("yes-secret");
  });
});
