import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractFeatures, sortedTokens } from "./features.ts";

describe("record features", () => {
  it("lists the distinct tokens of a name and its aliases in code-unit order", () => {
    const token = fc.string({ unit: fc.constantFrom("a", "b", "Z", "é", "1"), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), fc.array(fc.array(token, { minLength: 1, maxLength: 3 }).map((words) => words.join(" ")), { maxLength: 2 }), (tokens, aliases) => {
        const expected = [...new Set([...tokens, ...aliases.flatMap((alias) => alias.split(" "))])].sort();
        expect(sortedTokens([...tokens], aliases)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("shares the list of a single legal form between records", () => {
    const a = extractFeatures({ id: "1", name: "Acme Inc" }, 0);
    const b = extractFeatures({ id: "2", name: "Zenith Corporation" }, 0);
    expect(a.legalForms).toEqual(["corp"]);
    expect(b.legalForms).toBe(a.legalForms);
    expect(extractFeatures({ id: "3", name: "Oy Acme Ab" }, 0).legalForms).toEqual(["oy", "ab"]);
    expect(extractFeatures({ id: "4", name: "Acme GmbH & Co KG" }, 0).legalForms).toEqual(["gmbhandcokg"]);
  });
});
