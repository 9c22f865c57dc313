import { describe, expect, it } from "vitest";
import { quoteSoql } from "./quote-soql.ts";

describe("quoteSoql", () => {
  it.each([
    ["Mutual_Integration", "'Mutual_Integration'"],
    ["O'Brien", "'O\\'Brien'"],
    ["x' OR Name != '", "'x\\' OR Name != \\''"],
    ["ends with \\", "'ends with \\\\'"],
  ])("quotes %s as %s", (value, expected) => expect(quoteSoql(value)).toBe(expected));
});
