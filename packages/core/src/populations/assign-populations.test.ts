import { describe, expect, it } from "vitest";
import type { Account } from "../model/account.ts";
import type { Opportunity } from "../model/opportunity.ts";
import { assignPopulations, compilePopulationAssigner, countPopulation } from "./assign-populations.ts";
import type { AccountSubject } from "./evaluate-filter.ts";
import { defaultStandardPopulations, type PopulationSource } from "./standard-populations.ts";
import { validatePopulationFilter } from "./validate-filter.ts";

const now = new Date("2026-11-20T12:00:00Z");

function subject(account: Partial<Account>, opportunities: Partial<Opportunity>[] = []): AccountSubject {
  const id = account.id ?? "a";
  return {
    account: { id, name: "Co", ...account },
    opportunities: opportunities.map((o, i) => ({ id: `${id}-o${i}`, accountId: id, name: "Deal", stage: "Open", isClosed: false, isWon: false, ...o })),
  };
}

function standardFor(source: PopulationSource) {
  return defaultStandardPopulations(source).map((rule) => ({ ...rule, id: rule.standardKey }));
}

describe("default standard populations", () => {
  it.each(["salesforce", "hubspot", "csv"] as const)("are valid filters for %s", (source) => {
    for (const rule of defaultStandardPopulations(source)) {
      if (rule.filter) expect(validatePopulationFilter(rule.filter)).toEqual({ ok: true, filter: rule.filter });
    }
    expect(defaultStandardPopulations(source).map((rule) => rule.standardKey)).toEqual(["customers", "open_opportunities", "prospects"]);
  });

  it.each<[string, PopulationSource, AccountSubject, string[]]>([
    ["closed-won opportunity", "csv", subject({}, [{ isClosed: true, isWon: true }]), ["customers"]],
    ["customer status", "csv", subject({ status: "customer" }), ["customers"]],
    ["CSV type column", "csv", subject({ custom: { Type: "Customer" } }), ["customers"]],
    ["Salesforce Account.Type", "salesforce", subject({ custom: { Type: "Customer - Channel" } }), ["customers"]],
    ["Salesforce former customer is not a customer", "salesforce", subject({ custom: { Type: "Former Customer" } }), ["prospects"]],
    ["HubSpot lifecycle stage", "hubspot", subject({ custom: { lifecyclestage: "evangelist" } }), ["customers"]],
    ["HubSpot opportunity stage", "hubspot", subject({ custom: { lifecyclestage: "opportunity" } }), ["open_opportunities"]],
    ["open opportunity", "salesforce", subject({}, [{ isClosed: false }]), ["open_opportunities"]],
    ["opportunity status", "csv", subject({ status: "opportunity" }), ["open_opportunities"]],
    ["customer with an open expansion deal is in both", "csv", subject({ status: "customer" }, [{ isClosed: false }]), ["customers", "open_opportunities"]],
    ["only a lost opportunity: prospect", "csv", subject({}, [{ isClosed: true, isWon: false }]), ["prospects"]],
    ["nothing at all: prospect", "hubspot", subject({}), ["prospects"]],
  ])("%s (%s)", (_name, source, target, expected) => {
    expect(assignPopulations(standardFor(source), target, { now })).toEqual(expected);
  });

  it("standard populations saved without a filter fall back to the default rule", () => {
    const populations = [
      { id: "c", standardKey: "customers" as const },
      { id: "o", standardKey: "open_opportunities" as const },
      { id: "p", standardKey: "prospects" as const },
    ];
    expect(assignPopulations(populations, subject({ status: "customer" }), { now })).toEqual(["c"]);
    expect(assignPopulations(populations, subject({}), { now })).toEqual(["p"]);
  });
});

describe("assignPopulations", () => {
  const populations = [
    ...standardFor("csv"),
    { id: "emea", filter: { field: "account.country", op: "in" as const, value: ["DE", "FR", "GB"] } },
    { id: "new-customers", filter: { and: [{ field: "opportunity.isWon", op: "equals" as const, value: true }, { field: "opportunity.closeDate", op: "within_last_days" as const, value: 90 }] } },
    { id: "everyone" },
  ];

  it("lists every population an account is in, in population order", () => {
    const target = subject({ country: "de" }, [{ isClosed: true, isWon: true, closeDate: "2026-10-01" }]);
    expect(assignPopulations(populations, target, { now })).toEqual(["customers", "emea", "new-customers", "everyone"]);
  });

  it("narrows Prospects by its own filter when it has one", () => {
    const narrowed = populations.map((p) => (p.id === "prospects" ? { ...p, filter: { field: "account.country", op: "equals" as const, value: "US" } } : p));
    const assign = compilePopulationAssigner(narrowed, { now });
    expect(assign(subject({ country: "US" }))).toContain("prospects");
    expect(assign(subject({ country: "DE" }))).not.toContain("prospects");
  });
});

describe("countPopulation", () => {
  const subjects = [
    subject({ id: "1", status: "customer", country: "DE" }),
    subject({ id: "2", country: "DE" }, [{ isClosed: false }]),
    subject({ id: "3", country: "US" }),
    subject({ id: "4" }),
  ];

  it("counts a draft filter live", () => {
    expect(countPopulation({ population: { filter: { field: "account.country", op: "equals", value: "de" } }, subjects, now })).toBe(2);
  });

  it("counts Prospects as the rest of its siblings", () => {
    const siblings = standardFor("csv");
    expect(countPopulation({ population: { standardKey: "prospects" }, siblings, subjects, now })).toBe(2);
  });

  it("counts zero over no accounts", () => {
    expect(countPopulation({ population: { standardKey: "customers" }, subjects: [], now })).toBe(0);
  });
});
