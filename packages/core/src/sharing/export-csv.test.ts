import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SharedView } from "./apply-sharing-policy.ts";
import { formatCsv, formatCsvCell, formatSharedViewCsv, neutralizeSpreadsheetCell } from "./export-csv.ts";

const TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

describe("neutralizeSpreadsheetCell", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["Acme = Best", "Acme = Best"],
    ["", ""],
    ["'already quoted", "'already quoted"],
  ])("%j -> %j", (input, expected) => {
    expect(neutralizeSpreadsheetCell(input)).toBe(expected);
  });

  it("never leaves a formula trigger first and keeps the text after the guard", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...TRIGGERS).chain((t) => fc.string().map((s) => t + s))), (text) => {
        const safe = neutralizeSpreadsheetCell(text);
        expect(TRIGGERS).not.toContain(safe.charAt(0));
        expect(safe.endsWith(text)).toBe(true);
      }),
    );
  });
});

/** A strict RFC 4180 reader for the test: every text cell we write is quoted. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < csv.length) {
    let cell = "";
    if (csv[i] === '"') {
      i += 1;
      for (;;) {
        if (csv[i] === '"' && csv[i + 1] === '"') (cell += '"'), (i += 2);
        else if (csv[i] === '"') break;
        else cell += csv[i++];
      }
      i += 1;
    } else {
      while (i < csv.length && csv[i] !== "," && csv[i] !== "\r") cell += csv[i++];
    }
    row.push(cell);
    if (csv[i] === ",") i += 1;
    else if (csv.startsWith("\r\n", i)) (rows.push(row), (row = []), (i += 2));
    else throw new Error(`unexpected character at ${i}`);
  }
  return rows;
}

describe("formatCsv", () => {
  it("quotes text, doubles quotes, writes typed values bare and missing as empty", () => {
    expect(formatCsv([["name", "n", "b", "x"], ['Acme "A", Inc.\nLine', -5, true, undefined]])).toBe(
      '"name","n","b","x"\r\n"Acme ""A"", Inc.\nLine",-5,true,\r\n',
    );
    expect(formatCsvCell(Number.NaN)).toBe("");
    expect(formatCsvCell(null)).toBe("");
  });

  it("round-trips any text through a CSV reader with only the guard added", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", "=", "+", "-", "@", "\t", " ") }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const parsed = parseCsv(formatCsv(rows));
        expect(parsed).toEqual(rows.map((row) => row.map(neutralizeSpreadsheetCell)));
        for (const cell of parsed.flat()) expect(TRIGGERS).not.toContain(cell.charAt(0));
      }),
    );
  });
});

describe("formatSharedViewCsv", () => {
  it("writes one neutralized row per visible record", () => {
    const view: SharedView = {
      ownerOrgId: "o",
      viewerOrgId: "v",
      populations: [{ populationId: "p1", name: "Customers", level: "overlaps", overlapCompanies: 1, overlapRecords: 1 }],
      records: [
        { fields: { name: "=cmd|'/C calc'!A0", website: "acme.com" }, populationIds: ["p1"], overlapping: true, viewerAccountIds: ["v1", "v2"] },
        { fields: { name: "Globex", icpScore: 80 }, populationIds: ["p1"], overlapping: true, viewerAccountIds: ["v3"] },
      ],
    };
    expect(formatSharedViewCsv(view)).toBe(
      '"name","website","icpScore","populations","overlapping","your_account_ids"\r\n' +
        `"'=cmd|'/C calc'!A0","acme.com",,"Customers",true,"v1; v2"\r\n` +
        '"Globex",,80,"Customers",true,"v3"\r\n',
    );
  });
});
