import { describe, expect, it } from "vitest";
import { countSharedOverlaps, type OverlapCompanyRecords } from "./count-shared-overlaps.ts";
import type { ViewPermission } from "./decide-visibility.ts";

const companies: OverlapCompanyRecords[] = [
  // acme: two customer records at A (duplicates), one prospect record at B
  { a: [{ accountId: "a1", populationIds: ["a-cust"] }, { accountId: "a1b", populationIds: ["a-cust"] }], b: [{ accountId: "b1", populationIds: ["b-pros"] }] },
  // globex: one customer at A, two customer records at B
  { a: [{ accountId: "a2", populationIds: ["a-cust"] }], b: [{ accountId: "b2", populationIds: ["b-cust"] }, { accountId: "b2b", populationIds: ["b-cust", "b-pros"] }] },
];

const sees = (viewer: string, owner: string, populationIds: string[]): ViewPermission => ({
  ownerOrgId: owner,
  viewerOrgId: viewer,
  access: "partner",
  reason: "shared",
  grants: populationIds.map((populationId) => ({ populationId, level: "counts", fields: [] })),
});

describe("countSharedOverlaps", () => {
  it("gives both sides the same company counts, with each side's record counts beside them", () => {
    const aView = countSharedOverlaps({ orgA: "A", orgB: "B", companies, permission: sees("A", "B", ["b-cust", "b-pros"]), viewerPopulationIds: ["a-cust"] });
    const bView = countSharedOverlaps({ orgA: "A", orgB: "B", companies, permission: sees("B", "A", ["a-cust"]), viewerPopulationIds: ["b-cust", "b-pros"] });
    expect(aView).toEqual([
      { ownPopulationId: "a-cust", otherPopulationId: "b-cust", companies: 1, ownRecords: 1, otherRecords: 2 },
      { ownPopulationId: "a-cust", otherPopulationId: "b-pros", companies: 2, ownRecords: 3, otherRecords: 2 },
    ]);
    expect(bView).toEqual([
      { ownPopulationId: "b-cust", otherPopulationId: "a-cust", companies: 1, ownRecords: 2, otherRecords: 1 },
      { ownPopulationId: "b-pros", otherPopulationId: "a-cust", companies: 2, ownRecords: 2, otherRecords: 3 },
    ]);
  });

  it("gives a column only for the other side's shared populations", () => {
    const aView = countSharedOverlaps({ orgA: "A", orgB: "B", companies, permission: sees("A", "B", ["b-pros"]), viewerPopulationIds: ["a-cust"] });
    expect(aView.map((cell) => cell.otherPopulationId)).toEqual(["b-pros"]);
  });

  it("gives nothing without access", () => {
    const none: ViewPermission = { ownerOrgId: "B", viewerOrgId: "A", access: "none", reason: "partnership_not_active", grants: [] };
    expect(countSharedOverlaps({ orgA: "A", orgB: "B", companies, permission: none, viewerPopulationIds: ["a-cust"] })).toEqual([]);
  });

  it("refuses a permission that is not between the two orgs", () => {
    expect(() => countSharedOverlaps({ orgA: "A", orgB: "B", companies, permission: sees("C", "B", []), viewerPopulationIds: [] })).toThrowError(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });
});
