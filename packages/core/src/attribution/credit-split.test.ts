import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distributeLargestRemainder, splitCredit, type SplitMethod } from "./credit-split.ts";

describe("distributeLargestRemainder", () => {
  it.each([
    { total: 100, weights: [1, 1, 1], parts: [34, 33, 33] },
    { total: 2, weights: [1, 1, 1], parts: [1, 1, 0] },
    { total: 0, weights: [1, 2], parts: [0, 0] },
    { total: 1000, weights: [0.35, 0.45, 0.2], parts: [350, 450, 200] },
    { total: 10, weights: [0, 0], parts: [5, 5] },
    { total: 7, weights: [0, 3], parts: [0, 7] },
    { total: 100, weights: [2, 1], parts: [67, 33] },
    { total: 5, weights: [], parts: [] },
  ])("$total over $weights -> $parts", ({ total, weights, parts }) => {
    expect(distributeLargestRemainder(total, weights)).toEqual(parts);
  });

  it.each([[-1], [1.5], [Number.MAX_SAFE_INTEGER + 2]])("rejects total %d", (total) => {
    expect(() => distributeLargestRemainder(total, [1])).toThrow(/non-negative integer/);
  });

  it("rejects negative weights", () => {
    expect(() => distributeLargestRemainder(10, [1, -1])).toThrow(/weights/);
  });

  it("always sums to the total, with non-negative parts (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = distributeLargestRemainder(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives each part within one unit of its exact quota (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          distributeLargestRemainder(total, weights).forEach((part, i) => {
            expect(Math.abs(part - (total * weights[i]!) / sum)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

describe("splitCredit", () => {
  const candidates = [
    { partnerId: "b", touchDay: 10, weight: 1 },
    { partnerId: "a", touchDay: 20, weight: 3 },
    { partnerId: "c", touchDay: 10, weight: 2 },
  ];

  it.each([
    { method: "equal", shares: { c: 334, b: 333, a: 333 } },
    { method: "weighted", shares: { c: 333, b: 167, a: 500 } },
    { method: "first", shares: { c: 1000, b: 0, a: 0 } }, // day 10 tie -> higher co-sell score
    { method: "last", shares: { a: 1000, b: 0, c: 0 } },
  ] as const)("$method", ({ method, shares }) => {
    const result = splitCredit(1000, candidates, method);
    expect(Object.fromEntries(result.shares.map((s) => [s.partnerId, s.minor]))).toEqual(shares);
  });

  it("falls back to equal when no weight is above 0", () => {
    const result = splitCredit(10, [{ partnerId: "a", touchDay: 1, weight: 0 }, { partnerId: "b", touchDay: 1, weight: 0 }], "weighted");
    expect(result.shares.map((s) => s.minor)).toEqual([5, 5]);
    expect(result.evidence).toMatch(/fell back to equal/);
  });

  it("breaks full ties by partner id", () => {
    const result = splitCredit(9, [{ partnerId: "z", touchDay: 1, weight: 1 }, { partnerId: "m", touchDay: 1, weight: 1 }], "first");
    expect(result.shares.find((s) => s.minor === 9)?.partnerId).toBe("m");
  });

  it("sums to the amount for every method (property)", () => {
    const method = fc.constantFrom<SplitMethod>("equal", "weighted", "first", "last");
    const candidate = fc.record({
      partnerId: fc.string({ minLength: 1, maxLength: 4 }),
      touchDay: fc.integer({ min: 0, max: 30_000 }),
      weight: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.uniqueArray(candidate, { minLength: 1, maxLength: 6, selector: (c) => c.partnerId }),
        method,
        (amount, list, m) => {
          const { shares } = splitCredit(amount, list, m);
          expect(shares.reduce((a, s) => a + s.minor, 0)).toBe(amount);
        },
      ),
      { numRuns: 500 },
    );
  });
});
