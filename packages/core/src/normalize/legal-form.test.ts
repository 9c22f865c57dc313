import fc from "fast-check";
import { describe, expect, it } from "vitest";
import elfForms from "./data/legal-forms.json" with { type: "json" };
import { isLegalForm, stripLegalForms } from "./legal-form.ts";

/** The plain reading of the rule: try the last 5 words, then 4, ... as a form, again and again; then prefix forms. */
function referenceStrip(tokens: readonly string[]): { core: string[]; forms: string[] } {
  const prefixForms = new Set(["oy", "ab", "oao", "ooo", "zao", "pao", "ao", "pt", "tov", "pjsc", "ojsc", "cjsc", "jsc", "оао", "ооо", "зао", "пао", "ао"]);
  let end = tokens.length;
  let start = 0;
  const forms: string[] = [];
  let stripped = true;
  while (stripped && end > start) {
    stripped = false;
    for (let size = Math.min(5, end - start); size >= 1; size--) {
      const form = tokens.slice(end - size, end).join(" ");
      if (isLegalForm(form)) {
        forms.unshift(form);
        end -= size;
        stripped = true;
        break;
      }
    }
  }
  while (end - start > 1 && prefixForms.has(tokens[start]!)) forms.unshift(tokens[start++]!);
  if (end <= start) return { core: [...tokens], forms: [] };
  return { core: tokens.slice(start, end), forms };
}

// Words of real multi-word forms (so long forms and their tails come up), prefix forms and name words.
const formWords = [...new Set((elfForms as string[]).filter((form) => form.includes(" ")).slice(0, 200).flatMap((form) => form.split(" ")))];
const word = fc.oneof(fc.constantFrom(...formWords), fc.constantFrom("inc", "ltd", "pty", "co", "llc", "oy", "ooo", "the", "acme"), fc.string({ unit: fc.constantFrom("a", "b", "s"), minLength: 1, maxLength: 3 }));

describe("stripLegalForms", () => {
  it("strips the longest form at the end, repeatedly, then prefix forms, like trying each length in turn", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 9 }), (tokens) => {
        expect(stripLegalForms(tokens)).toEqual(referenceStrip(tokens));
      }),
      { numRuns: 5000 },
    );
  });

  it("knows multi-word forms and keeps a name made only of forms", () => {
    expect(stripLegalForms(["acme", "pty", "ltd"])).toEqual({ core: ["acme"], forms: ["pty ltd"] });
    expect(stripLegalForms(["acme", "ag", "and", "co", "kgaa"])).toEqual({ core: ["acme"], forms: ["ag and co kgaa"] });
    expect(stripLegalForms(["oy", "hello", "world", "ab"])).toEqual({ core: ["hello", "world"], forms: ["oy", "ab"] });
    expect(stripLegalForms(["inc"])).toEqual({ core: ["inc"], forms: [] });
  });
});
