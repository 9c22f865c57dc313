import { describe, expect, it } from "vitest";
import { matchesCondition, parseSoql } from "./soql.ts";

describe("parseSoql", () => {
  it("parses the incremental pull query", () => {
    const q = parseSoql(
      "SELECT Id, Name, Owner.Email FROM Account WHERE SystemModstamp > 2026-11-20T10:00:00Z OR (SystemModstamp = 2026-11-20T10:00:00Z AND Id > '001000000000001AAA') ORDER BY SystemModstamp, Id LIMIT 50",
    );
    expect(q.fields).toEqual(["Id", "Name", "Owner.Email"]);
    expect(q.object).toBe("Account");
    expect(q.orderBy).toEqual([
      { field: "SystemModstamp", descending: false },
      { field: "Id", descending: false },
    ]);
    expect(q.limit).toBe(50);
    expect(q.where).toMatchObject({ kind: "or", left: { kind: "compare", op: ">", value: "2026-11-20T10:00:00Z" } });
  });

  it("parses COUNT(), IN, NOT IN, LIKE, NOT and escaped quotes", () => {
    expect(parseSoql("SELECT COUNT() FROM Opportunity").count).toBe(true);
    const q = parseSoql("SELECT Id FROM Account WHERE Type IN ('A', 'B') AND Name NOT IN ('O\\'Brien') AND NOT Name LIKE 'Ac%'");
    const read = (f: string) => ({ Type: "a", Name: "zeta" })[f];
    expect(matchesCondition(q.where, read, (_f, v) => (typeof v === "string" ? v.toLowerCase() : (v as null)))).toBe(true);
  });

  it.each(["SELECT FROM Account", "SELECT Id Account", "SELECT Id FROM Account WHERE", "SELECT Id FROM Account LIMIT x", "SELECT Id FROM Account WHERE Name = 'x' GARBAGE"])(
    "rejects malformed query %s",
    (soql) => expect(() => parseSoql(soql)).toThrow(),
  );
});
