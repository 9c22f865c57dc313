import { describe, expect, it } from "vitest";
import type { Account } from "../model/account.ts";
import type { Opportunity } from "../model/opportunity.ts";
import type { PopulationFilter } from "../model/population.ts";
import { compilePopulationFilter, evaluatePopulationFilter, groupAccountSubjects, type AccountSubject } from "./evaluate-filter.ts";

const now = new Date("2026-11-20T12:00:00Z");

const account: Account = {
  id: "a1",
  name: "Acme Corp",
  website: "https://acme.com",
  country: "DE",
  status: "customer",
  icpScore: 80,
  custom: { Industry: "Manufacturing", "Account Type": "Customer - Direct", Employees: "250", Signed: "2026-11-01", Active: "TRUE", Blank: "  " },
};

function opp(fields: Partial<Opportunity>): Opportunity {
  return { id: "o", accountId: "a1", name: "Deal", stage: "Prospecting", isClosed: false, isWon: false, ...fields };
}

const opportunities: Opportunity[] = [
  opp({ id: "o1", stage: "Negotiation", amount: 5000, createdAt: "2026-11-15", closeDate: "2026-12-31" }),
  opp({ id: "o2", stage: "Closed Won", amount: 50000, isClosed: true, isWon: true, closeDate: "2026-08-01T10:00:00Z" }),
];

const subject: AccountSubject = { account, opportunities };
const bare: AccountSubject = { account: { id: "a2", name: "Bare" }, opportunities: [] };

const cases: [string, PopulationFilter, boolean, AccountSubject?][] = [
  // equals / not_equals: text ignores case and surrounding space
  ["equals text, other case", { field: "account.country", op: "equals", value: "de" }, true],
  ["equals text, different", { field: "account.country", op: "equals", value: "FR" }, false],
  ["equals number", { field: "account.icpScore", op: "equals", value: 80 }, true],
  ["equals number given as text", { field: "account.icpScore", op: "equals", value: "80" }, true],
  ["equals custom numeric text as number", { field: "account.employees", op: "equals", value: 250 }, true],
  ["equals custom boolean text", { field: "account.active", op: "equals", value: true }, true],
  ["equals custom field by normalized header", { field: "account.account_type", op: "equals", value: "customer - direct" }, true],
  ["equals date-only vs timestamp compares days", { field: "opportunity.closeDate", op: "equals", value: "2026-08-01" }, true],
  ["equals missing field", { field: "account.city", op: "equals", value: "Berlin" }, false],
  ["equals incomparable (text field, number value)", { field: "account.name", op: "equals", value: 3 }, false],
  ["not_equals different", { field: "account.country", op: "not_equals", value: "FR" }, true],
  ["not_equals same ignoring case", { field: "account.country", op: "not_equals", value: "de" }, false],
  ["not_equals missing field holds", { field: "account.city", op: "not_equals", value: "Berlin" }, true],
  // in
  ["in hit", { field: "account.country", op: "in", value: ["FR", "de"] }, true],
  ["in miss", { field: "account.country", op: "in", value: ["FR", "US"] }, false],
  ["in numbers", { field: "account.icpScore", op: "in", value: [10, 80] }, true],
  // contains
  ["contains ignoring case", { field: "account.name", op: "contains", value: "ACME" }, true],
  ["contains miss", { field: "account.name", op: "contains", value: "globex" }, false],
  ["contains on missing field", { field: "account.city", op: "contains", value: "x" }, false],
  ["contains on custom", { field: "account.Industry", op: "contains", value: "factur" }, true],
  // greater / less
  ["greater number", { field: "account.icpScore", op: "greater", value: 79 }, true],
  ["greater number equal is false", { field: "account.icpScore", op: "greater", value: 80 }, false],
  ["less number", { field: "account.icpScore", op: "less", value: 81 }, true],
  ["greater custom numeric", { field: "account.Employees", op: "greater", value: 100 }, true],
  ["less custom non-numeric is false", { field: "account.Industry", op: "less", value: 100 }, false],
  ["greater date", { field: "account.signed", op: "greater", value: "2026-10-31" }, true],
  ["less date", { field: "account.signed", op: "less", value: "2026-10-31" }, false],
  ["greater text lexicographic ignoring case", { field: "account.name", op: "greater", value: "ab" }, true],
  ["greater on missing field", { field: "account.city", op: "greater", value: "a" }, false],
  ["less on missing field", { field: "account.city", op: "less", value: "z" }, false],
  // between (inclusive)
  ["between inside", { field: "account.icpScore", op: "between", value: [70, 90] }, true],
  ["between inclusive low", { field: "account.icpScore", op: "between", value: [80, 90] }, true],
  ["between inclusive high", { field: "account.icpScore", op: "between", value: [70, 80] }, true],
  ["between outside", { field: "account.icpScore", op: "between", value: [81, 90] }, false],
  ["between dates", { field: "account.Signed", op: "between", value: ["2026-11-01", "2026-11-30"] }, true],
  ["between on missing", { field: "account.city", op: "between", value: ["a", "z"] }, false],
  // empty / not_empty
  ["empty on missing", { field: "account.city", op: "empty" }, true],
  ["empty on blank custom", { field: "account.blank", op: "empty" }, true],
  ["empty on present", { field: "account.country", op: "empty" }, false],
  ["not_empty on present", { field: "account.country", op: "not_empty" }, true],
  ["not_empty on blank", { field: "account.blank", op: "not_empty" }, false],
  ["empty on an account without custom fields", { field: "account.industry", op: "empty" }, true, bare],
  // within_last_days
  ["within_last_days date-only inside", { field: "account.Signed", op: "within_last_days", value: 30 }, true],
  ["within_last_days date-only outside", { field: "account.Signed", op: "within_last_days", value: 18 }, false],
  ["within_last_days date-only boundary day counts", { field: "account.Signed", op: "within_last_days", value: 19 }, true],
  ["within_last_days opportunity created", { field: "opportunity.createdAt", op: "within_last_days", value: 7 }, true],
  ["within_last_days future date does not count", { field: "opportunity.closeDate", op: "within_last_days", value: 365 }, false, { account, opportunities: [opportunities[0]!] }],
  ["within_last_days timestamp inside", { field: "opportunity.closeDate", op: "within_last_days", value: 365 }, true],
  ["within_last_days timestamp outside", { field: "opportunity.closeDate", op: "within_last_days", value: 30 }, false],
  ["within_last_days on non-date text", { field: "account.Industry", op: "within_last_days", value: 30 }, false],
  // opportunities: any one opportunity, the same one for every opportunity condition
  ["opportunity any satisfies", { field: "opportunity.isWon", op: "equals", value: true }, true],
  ["opportunity and = same opportunity", { and: [{ field: "opportunity.isClosed", op: "equals", value: false }, { field: "opportunity.amount", op: "greater", value: 10000 }] }, false],
  ["opportunity and on one opportunity", { and: [{ field: "opportunity.isWon", op: "equals", value: true }, { field: "opportunity.amount", op: "greater", value: 10000 }] }, true],
  ["opportunity stage text", { field: "opportunity.stage", op: "equals", value: "closed won" }, true],
  ["opportunity boolean as text", { field: "opportunity.isClosed", op: "equals", value: "false" }, true],
  ["no opportunities: opportunity condition false", { field: "opportunity.isWon", op: "equals", value: true }, false, bare],
  ["no opportunities: empty is false too", { field: "opportunity.stage", op: "empty" }, false, bare],
  ["no opportunities: not_equals is false too", { field: "opportunity.stage", op: "not_equals", value: "x" }, false, bare],
  ["no opportunities: account branch of an or", { or: [{ field: "opportunity.isWon", op: "equals", value: true }, { field: "account.name", op: "equals", value: "bare" }] }, true, bare],
  // nesting
  ["and all true", { and: [{ field: "account.country", op: "equals", value: "DE" }, { field: "account.icpScore", op: "greater", value: 50 }] }, true],
  ["and one false", { and: [{ field: "account.country", op: "equals", value: "DE" }, { field: "account.icpScore", op: "greater", value: 90 }] }, false],
  ["or one true", { or: [{ field: "account.country", op: "equals", value: "FR" }, { field: "account.icpScore", op: "greater", value: 50 }] }, true],
  ["nested or inside and", { and: [{ field: "account.status", op: "equals", value: "customer" }, { or: [{ field: "account.country", op: "in", value: ["FR", "DE"] }, { field: "account.icpScore", op: "less", value: 10 }] }] }, true],
];

describe("evaluatePopulationFilter", () => {
  it.each(cases)("%s", (_name, filter, expected, target = subject) => {
    expect(evaluatePopulationFilter(filter, target, { now })).toBe(expected);
  });

  it("rejects an invalid filter with the path of the bad node", () => {
    const filter = { and: [{ field: "account.icpScore", op: "between", value: [1] }] } as PopulationFilter;
    expect(() => compilePopulationFilter(filter, { now })).toThrowError(expect.objectContaining({ code: "invalid_input", details: ['$.and[0].value: "between" needs [low, high]'] }));
  });
});

describe("groupAccountSubjects", () => {
  it("attaches opportunities to their accounts and drops orphans", () => {
    const subjects = groupAccountSubjects([account, bare.account], [...opportunities, opp({ id: "o9", accountId: "ghost" })]);
    expect(subjects.map((s) => [s.account.id, s.opportunities.map((o) => o.id)])).toEqual([
      ["a1", ["o1", "o2"]],
      ["a2", []],
    ]);
  });
});
