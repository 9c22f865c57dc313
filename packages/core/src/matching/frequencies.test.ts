import { describe, expect, it } from "vitest";
import { keySignature } from "./account-list.ts";
import { frequencyLevel, nameLevel, tokenLevel } from "./frequencies.ts";

describe("frequency levels", () => {
  it("buckets counts by powers of two", () => {
    expect([0, 1, 2, 3, 4, 7, 8, 65_535, 65_536].map(frequencyLevel)).toEqual([0, 1, 2, 2, 3, 3, 4, 16, 17]);
  });

  it("stop where the score's weights stop changing: names at 256 records, tokens at 65,536", () => {
    expect([255, 256, 512, 1_000_000].map(nameLevel)).toEqual([8, 9, 9, 9]);
    expect([65_535, 65_536, 131_072, 1_000_000].map(tokenLevel)).toEqual([16, 17, 17, 17]);
  });

  it("so a common key passing another power of two keeps its signature and re-scores nothing", () => {
    const maxBlock = 60;
    // A token on 16k records gaining carriers past 16,384 still changes its weight: re-scored.
    expect(keySignature("t", 16_383, 0, maxBlock)).not.toBe(keySignature("t", 16_384, 0, maxBlock));
    // "company" on half of a 1M list passing 2^19: weight 1 before and after.
    expect(keySignature("t", 524_287, 0, maxBlock)).toBe(keySignature("t", 524_288, 0, maxBlock));
    expect(keySignature("n", 300, 0, maxBlock)).toBe(keySignature("n", 600, 0, maxBlock));
    expect(keySignature("n", 100, 0, maxBlock)).not.toBe(keySignature("n", 200, 0, maxBlock));
  });
});
