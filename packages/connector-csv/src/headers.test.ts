import { describe, expect, it } from "vitest";
import { AppError } from "@mutual/core";
import { normalizeHeader, planColumns } from "./headers.ts";
import { sniffDelimiter } from "./source-file.ts";

describe("normalizeHeader", () => {
  it("ignores case, spaces and punctuation", () => {
    expect(normalizeHeader("Billing Country")).toBe(normalizeHeader("billing_country"));
    expect(normalizeHeader(" Country/Region ")).toBe("countryregion");
  });
});

describe("planColumns", () => {
  it("maps canonical headers and CRM export synonyms, keeping the rest as custom columns", () => {
    const plan = planColumns("account", ["Account ID", "Account Name", "Website", "Billing Country", "Industry"], {}, "a.csv");
    expect(Object.fromEntries(plan.fields)).toEqual({ id: 0, name: 1, website: 2, country: 3 });
    expect([...plan.extra]).toEqual([[4, "Industry"]]);
  });

  it("prefers a canonical column over a synonym of another field", () => {
    // "name" is canonical; "Company" would otherwise be a synonym for name.
    const plan = planColumns("account", ["id", "Company", "name"], {}, "a.csv");
    expect(plan.fields.get("name")).toBe(2);
  });

  it("applies --map overrides before anything else", () => {
    const plan = planColumns("account", ["Id", "Site name", "Website"], { name: "Site name" }, "a.csv");
    expect(plan.fields.get("name")).toBe(1);
  });

  it("lists every problem in one error: unknown field, unknown column, missing required column", () => {
    let error: unknown;
    try {
      planColumns("account", ["Website"], { colour: "Website", name: "Nope" }, "a.csv");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const details = (error as AppError).details;
    expect(details).toHaveLength(4);
    expect(details[0]).toContain("'colour' is not a account field");
    expect(details[1]).toContain("no column 'Nope'");
    expect(details[2]).toContain("line 1: missing required column 'id'");
    expect(details[3]).toContain("missing required column 'name'");
  });

  it.each([
    ["lead_source", 4],
    ["Lead Source", 4],
    ["Opportunity Source", 4],
    ["Deal Source", 4],
    ["Original Source", 4],
    ["Source", 4],
  ])("maps the opportunity lead source from %j", (header, index) => {
    const plan = planColumns("opportunity", ["id", "account_id", "name", "stage", header], {}, "o.csv");
    expect(plan.fields.get("lead_source")).toBe(index);
    expect(plan.extra.size).toBe(0);
  });

  it("prefers the canonical lead_source column over a synonym", () => {
    const plan = planColumns("opportunity", ["id", "account_id", "name", "stage", "Source", "lead_source"], {}, "o.csv");
    expect(plan.fields.get("lead_source")).toBe(5);
    expect([...plan.extra]).toEqual([[4, "Source"]]);
  });

  it("maps opportunity synonyms with Account ID meaning the account link", () => {
    const plan = planColumns("opportunity", ["Opportunity ID", "Account ID", "Opportunity Name", "Stage", "Amount"], {}, "o.csv");
    expect(Object.fromEntries(plan.fields)).toEqual({ id: 0, account_id: 1, name: 2, stage: 3, amount: 4 });
  });
});

describe("sniffDelimiter", () => {
  it.each([
    ["id,name,website\n1,a,b", ","],
    ["id;name;website\n1;a,b;c", ";"],
    ["id\tname\n1\tx", "\t"],
    ['"a;b",c,d\n', ","],
    ["single\n", ","],
  ])("%j -> %j", (text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });
});
