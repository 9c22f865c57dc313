import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.ts";

describe("parseEnv", () => {
  it("fills defaults: loopback, port 3000, the default database file, development keys, no private webhook targets", () => {
    expect(parseEnv({ INIT_CWD: "/home/ann/mutual" })).toEqual({
      MUTUAL_DATABASE_FILE: "/home/ann/mutual/data/mutual.sqlite",
      HOST: "127.0.0.1",
      PORT: 3000,
      LOG_LEVEL: "info",
      MUTUAL_ENV: "development",
      MUTUAL_ENCRYPTION_PREVIOUS_KEYS: [],
      MUTUAL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
    });
  });

  it("coerces the port and lists every bad value", () => {
    expect(parseEnv({ PORT: "8080" }).PORT).toBe(8080);
    expect(() => parseEnv({ PORT: "http", LOG_LEVEL: "loud" })).toThrow(/PORT: .*\n.*LOG_LEVEL/s);
  });
});
