import { describe, expect, it } from "vitest";
import { parseWorkerEnv } from "./env.ts";

describe("parseWorkerEnv", () => {
  it("reads a relative database file from where pnpm was run, so the API, worker and CLI share it", () => {
    expect(parseWorkerEnv({ INIT_CWD: "/srv/mutual" }).MUTUAL_DATABASE_FILE).toBe("/srv/mutual/data/mutual.sqlite");
    expect(parseWorkerEnv({ INIT_CWD: "/srv/mutual", MUTUAL_DATABASE_FILE: "/var/lib/mutual.sqlite" }).MUTUAL_DATABASE_FILE).toBe(
      "/var/lib/mutual.sqlite",
    );
    expect(parseWorkerEnv({ MUTUAL_DATABASE_FILE: ":memory:" }).MUTUAL_DATABASE_FILE).toBe(":memory:");
  });

  it("splits previous encryption keys and rejects unknown modes", () => {
    expect(parseWorkerEnv({ MUTUAL_ENCRYPTION_PREVIOUS_KEYS: "a, b,," }).MUTUAL_ENCRYPTION_PREVIOUS_KEYS).toEqual(["a", "b"]);
    expect(() => parseWorkerEnv({ MUTUAL_ENV: "staging" })).toThrow();
  });
});
