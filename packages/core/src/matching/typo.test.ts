import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedEditDistance, isTypo } from "./typo.ts";

/** The straightforward versions (split words, array rows): what the in-place ones must agree with. */
function referenceDistance(a: string, b: string, limit: number): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let k = 1; k <= b.length; k++) {
      let value = Math.min(previous[k]! + 1, row[k - 1]! + 1, previous[k - 1]! + (a[i - 1] === b[k - 1] ? 0 : 1));
      if (i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) value = Math.min(value, beforePrevious[k - 2]! + 1);
      row.push(value);
    }
    if (Math.min(...row) > limit) return limit + 1;
    beforePrevious = previous;
    previous = row;
  }
  return previous[b.length]!;
}

function referenceTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  if (a.replaceAll(" ", "") === b.replaceAll(" ", "")) return true;
  const wa = a.split(" ");
  const wb = b.split(" ");
  if (wa.length !== wb.length) return false;
  let typo = false;
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i]!;
    const y = wb[i]!;
    if (x === y) continue;
    if (typo || Math.min(x.length, y.length) < 5) return false;
    const limit = Math.min(x.length, y.length) >= 10 ? 2 : 1;
    if (referenceDistance(x, y, limit) > limit) return false;
    typo = true;
  }
  return typo;
}

// Names from few letters and spaces, so typos, swaps and equal words come up often.
const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "e"), minLength: 1, maxLength: 12 });
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(" "));
const nearName = name.chain((a) =>
  fc.tuple(fc.constant(a), fc.oneof(name, fc.nat({ max: a.length }).chain((at) => fc.constantFrom(a.slice(0, at) + a.slice(at + 1), a.slice(0, at) + "x" + a.slice(at), a.replace(" ", ""))))),
);

describe("typo", () => {
  it("measures edit distance with transpositions like the textbook table", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, limit) => {
        expect(boundedEditDistance(a, b, limit)).toBe(referenceDistance(a, b, limit));
      }),
      { numRuns: 3000 },
    );
    expect(boundedEditDistance("acme", "amce", 2)).toBe(1);
    expect(boundedEditDistance("kitten", "sitting", 1)).toBe(2);
    expect(boundedEditDistance("a".repeat(200), "a".repeat(199) + "b", 2)).toBe(1);
  });

  it("tells names one typo apart the same way as splitting them into words", () => {
    fc.assert(
      fc.property(nearName, ([a, b]) => {
        expect(isTypo(a, b)).toBe(referenceTypo(a, b));
        expect(isTypo(b, a)).toBe(referenceTypo(b, a));
      }),
      { numRuns: 5000 },
    );
    expect(isTypo("vandelay industries", "vandelay industires")).toBe(true);
    expect(isTypo("face book", "facebook")).toBe(true);
    expect(isTypo("vandelay east", "vandelay west")).toBe(false);
    expect(isTypo("acme corp", "acme")).toBe(false);
  });
});
