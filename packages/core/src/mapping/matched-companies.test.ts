import { describe, expect, it } from "vitest";
import type { MatchPair } from "../matching/types.ts";
import { groupMatchedCompanies } from "./matched-companies.ts";

const pair = (leftId: string, rightId: string, confidence = 0.95, relation: MatchPair["relation"] = "same_account"): MatchPair => ({
  leftId,
  rightId,
  relation,
  confidence,
  evidence: `${leftId}~${rightId}`,
});

describe("groupMatchedCompanies", () => {
  it("joins records linked directly or through another record into one company", () => {
    const companies = groupMatchedCompanies([pair("m1", "p1", 0.99), pair("m2", "p1", 0.93), pair("m2", "p2"), pair("m3", "p3")]);
    expect(companies).toEqual([
      { relation: "same_account", mineIds: ["m1", "m2"], partnerIds: ["p1", "p2"], confidence: 0.93, evidence: "m1~p1" },
      { relation: "same_account", mineIds: ["m3"], partnerIds: ["p3"], confidence: 0.95, evidence: "m3~p3" },
    ]);
  });

  it("keeps same_group links apart from same_account companies", () => {
    const companies = groupMatchedCompanies([pair("m1", "p1"), pair("m1", "p9", 0.9, "same_group")]);
    expect(companies.map((c) => [c.relation, c.mineIds, c.partnerIds])).toEqual([
      ["same_account", ["m1"], ["p1"]],
      ["same_group", ["m1"], ["p9"]],
    ]);
  });

  it("does not confuse a left id with an equal right id", () => {
    const companies = groupMatchedCompanies([pair("1", "2"), pair("2", "1")]);
    expect(companies).toHaveLength(2);
  });
});
