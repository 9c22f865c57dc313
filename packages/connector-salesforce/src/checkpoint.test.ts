import { describe, expect, it } from "vitest";
import { checkpointCondition, decodeCheckpoint, encodeCheckpoint, isAfter, toIsoTimestamp } from "./checkpoint.ts";

describe("checkpoint", () => {
  const cp = { v: 1 as const, stamp: "2026-11-20T10:00:05.000Z", id: "001000000000042AAA" };

  it("round-trips as JSON text and rejects garbage with a clear input error", () => {
    expect(decodeCheckpoint(encodeCheckpoint(cp))).toEqual(cp);
    expect(decodeCheckpoint("")).toBeNull();
    expect(() => decodeCheckpoint('{"v":2}')).toThrow(/unreadable checkpoint/);
  });

  it("accepts only Salesforce record ids, since the id is written into SOQL", () => {
    expect(decodeCheckpoint(encodeCheckpoint({ ...cp, id: "001000000000042" }))).toEqual({ ...cp, id: "001000000000042" });
    for (const id of ["001000000000042AAA' OR Name != '", "001000000000042AA\\", "0010000000000420AAA"]) {
      expect(() => decodeCheckpoint(JSON.stringify({ ...cp, id }))).toThrow(expect.objectContaining({ code: "invalid_input" }));
    }
  });

  it("builds the (SystemModstamp, Id) keyset condition", () => {
    expect(checkpointCondition(null)).toBe("");
    expect(checkpointCondition(cp)).toBe(
      "WHERE SystemModstamp > 2026-11-20T10:00:05Z OR (SystemModstamp = 2026-11-20T10:00:05Z AND Id > '001000000000042AAA')",
    );
  });

  it.each([
    ["2026-11-20T10:00:06.000Z", "001000000000001AAA", true],
    ["2026-11-20T10:00:05.000Z", "001000000000043AAA", true],
    ["2026-11-20T10:00:05.000Z", "001000000000042AAA", false],
    ["2026-11-20T10:00:04.000Z", "001000000000099AAA", false],
  ])("isAfter(%s, %s) is %s", (stamp, id, expected) => expect(isAfter(stamp, id, cp)).toBe(expected));

  it("normalises REST (+0000) and Bulk (Z) datetimes alike", () => {
    expect(toIsoTimestamp("2026-11-20T10:00:05.000+0000")).toBe("2026-11-20T10:00:05.000Z");
    expect(toIsoTimestamp("2026-11-20T10:00:05.000Z")).toBe("2026-11-20T10:00:05.000Z");
  });
});
