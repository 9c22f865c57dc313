import { describe, expect, it } from "vitest";
import { searchRecords } from "./search.ts";
import type { HubSpotProperty, HubSpotRecord } from "./types.ts";

const record = (id: number, updatedAt: number, properties: Record<string, string | null> = {}): HubSpotRecord => ({
  id: String(id),
  properties,
  createdAt: 0,
  updatedAt,
});

const records = [
  record(3, 300, { name: "Gamma", amount: "30" }),
  record(1, 100, { name: "alpha", amount: "5" }),
  record(2, 200, { name: "Beta", amount: null }),
];
const types: Record<string, string> = { amount: "number", name: "string" };
const propertyOf = (name: string) => (types[name] ? ({ type: types[name] } as HubSpotProperty) : undefined);
const ids = (found: HubSpotRecord[]) => found.map((r) => r.id);

describe("searchRecords", () => {
  it("ORs filter groups and ANDs filters, comparing dates as epoch ms or ISO text", () => {
    const found = searchRecords(
      records,
      {
        filterGroups: [
          { filters: [{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: "200" }, { propertyName: "hs_object_id", operator: "LT", value: "3" }] },
          { filters: [{ propertyName: "hs_lastmodifieddate", operator: "LT", value: new Date(150).toISOString() }] },
        ],
      },
      propertyOf,
    );
    expect(ids(found)).toEqual(["1", "2"]);
  });

  it("sorts by the documented string form, the object form, and numbers numerically", () => {
    expect(ids(searchRecords(records, { sorts: ["-hs_lastmodifieddate"] }, propertyOf))).toEqual(["3", "2", "1"]);
    expect(ids(searchRecords(records, { sorts: [{ propertyName: "amount", direction: "ASCENDING" }] }, propertyOf))).toEqual([
      "1",
      "3",
      "2",
    ]);
  });

  it("supports HAS_PROPERTY, IN (case-blind) and BETWEEN", () => {
    const has = searchRecords(records, { filterGroups: [{ filters: [{ propertyName: "amount", operator: "HAS_PROPERTY" }] }] }, propertyOf);
    expect(ids(has)).toEqual(["1", "3"]);
    const inNames = searchRecords(
      records,
      { filterGroups: [{ filters: [{ propertyName: "name", operator: "IN", values: ["ALPHA", "beta"] }] }] },
      propertyOf,
    );
    expect(ids(inNames)).toEqual(["1", "2"]);
    const between = searchRecords(
      records,
      { filterGroups: [{ filters: [{ propertyName: "amount", operator: "BETWEEN", value: "4", highValue: "10" }] }] },
      propertyOf,
    );
    expect(ids(between)).toEqual(["1"]);
  });
});
