import { describe, expect, it } from "vitest";
import { parseCheckpoint } from "./pull.ts";

describe("parseCheckpoint", () => {
  it("reads back what a pull wrote, and nothing means a full pull", () => {
    const checkpoint = { v: 1, phase: "search", since: 1_000, until: 2_000, cursor: "42" } as const;
    expect(parseCheckpoint(JSON.stringify(checkpoint))).toEqual(checkpoint);
    expect(parseCheckpoint(JSON.stringify({ v: 1, phase: "done", since: null, until: 5 }))).toEqual({ v: 1, phase: "done", since: null, until: 5 });
    expect(parseCheckpoint(undefined)).toBeUndefined();
    expect(parseCheckpoint("")).toBeUndefined();
  });

  it.each([
    ["not json", "{"],
    ["another provider's checkpoint", JSON.stringify({ v: 1, stamp: "2026-11-20T10:00:00.000Z", id: "001000000000001AAA" })],
    ["a window without bounds", JSON.stringify({ v: 1, phase: "search" })],
    ["a non-numeric bound", JSON.stringify({ v: 1, phase: "search", since: "yesterday", until: 2_000 })],
    ["an unknown phase", JSON.stringify({ v: 1, phase: "later", since: null, until: 2_000 })],
  ])("rejects %s as invalid_input", (_label, raw) => {
    expect(() => parseCheckpoint(raw)).toThrow(expect.objectContaining({ code: "invalid_input", message: expect.stringMatching(/not a HubSpot pull checkpoint/) }));
  });
});
