import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CandidatePairs } from "./candidate-pairs.ts";

describe("CandidatePairs", () => {
  it("gives back the pairs grouped by first record, in the order they were added, through growth", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 100, max: 130 }), fc.nat({ max: 1000 })), { maxLength: 3000 }), (added) => {
        const pairs = new CandidatePairs(100, 131);
        const expected = new Map<number, number[]>();
        for (const [a, b] of added) {
          pairs.add(a, b);
          expected.set(a, [...(expected.get(a) ?? []), b]);
        }
        const got = new Map<number, number[]>();
        for (const a of pairs.firstRecords) {
          const seconds: number[] = [];
          for (let pair = pairs.firstOf(a); pair >= 0; pair = pairs.after(pair)) seconds.push(pairs.secondOf(pair));
          got.set(a, seconds);
        }
        expect([...got]).toEqual([...expected]);
      }),
      { numRuns: 200 },
    );
  });
});
