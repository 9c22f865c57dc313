import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeAscii } from "./text.ts";

/** The regular-expression steps the single-pass tokenizer replaces (the ASCII path of tokenizeText). */
function tokenizeWithRegexps(input: string, dropWebSuffix: boolean): string[] {
  const text = dropWebSuffix ? input.replace(/(?<=\w)\.(?:com|net|org|io|co)\b/gi, " ") : input;
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/(?<=[a-z0-9])['`.](?=[a-z0-9])/g, "")
    .replace(/(?<=\b[a-z])\.(?=\s|$)/g, "")
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== "");
}

describe("tokenizeAscii", () => {
  // Names made of the characters that matter: letters, digits, separators, joiners and web suffixes.
  const piece = fc.constantFrom("a", "B", "z", "0", "9", "_", " ", ".", "'", "`", "&", "-", ",", "(", ".com", ".co", ".io", "Net", "org", "inc");
  const names = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

  it.each([
    ["Amazon.com, Inc.", ["amazon", "inc"]],
    ["A.B.C. & Sons", ["abc", "and", "sons"]],
    ["McDonald's", ["mcdonalds"]],
  ])("%s", (input, tokens) => expect(tokenizeAscii(input, true)).toEqual(tokens));

  it("gives the same tokens as the regular expressions", () => {
    fc.assert(
      fc.property(fc.oneof(names, fc.string({ unit: "grapheme-ascii" })), fc.boolean(), (input, drop) => {
        expect(tokenizeAscii(input, drop)).toEqual(tokenizeWithRegexps(input, drop));
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves text outside printable ASCII to the Unicode path", () => {
    expect(tokenizeAscii("Société Générale", true)).toBeUndefined();
    expect(tokenizeAscii("Tab\there", true)).toBeUndefined();
  });
});
