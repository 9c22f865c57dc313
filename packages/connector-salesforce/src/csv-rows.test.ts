import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseCsvRecords, parseCsvRows } from "./csv-rows.ts";

describe("parseCsvRows", () => {
  it.each([
    ['"a","b"\n"1","2"\n', [["a", "b"], ["1", "2"]]],
    ['a,b\r\n1,2\r\n', [["a", "b"], ["1", "2"]]],
    ['"x ""quoted"", y","",z\n', [['x "quoted", y', "", "z"]]],
    ['"multi\nline",2', [["multi\nline", "2"]]],
    ["a,,\n", [["a", "", ""]]],
    ["", []],
  ])("parses %j", (text, rows) => expect(parseCsvRows(text)).toEqual(rows));

  it("agrees with csv-parse on Bulk-style output", () => {
    const text = '"Id","Name","Website"\n"001","Acme, ""Inc.""",""\n"002","Ümlaut Co","www.x.de"\n';
    expect(parseCsvRows(text)).toEqual(parse(text));
    expect(parseCsvRecords(text)[1]).toEqual({ Id: "002", Name: "Ümlaut Co", Website: "www.x.de" });
  });

  it("rejects an unterminated quote", () => {
    expect(() => parseCsvRows('"abc')).toThrow(/unterminated/);
  });
});
