import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeOverlapMatrix, recommendPlay, STANDARD_POPULATIONS, standardPopulationOf, strongestStatus } from "./overlap-matrix.ts";

describe("recommendPlay", () => {
  it.each([
    ["customers", "customers", "build integration, case studies"],
    ["customers", "open_opportunities", "give partner warm intro / context"],
    ["customers", "prospects", "collect referral revenue"],
    ["open_opportunities", "customers", "get warm intro / context from partner"],
    ["open_opportunities", "open_opportunities", "solution selling, co-marketing"],
    ["open_opportunities", "prospects", "co-selling, co-marketing"],
    ["prospects", "customers", "get warm intro / context from partner"],
    ["prospects", "open_opportunities", "co-selling, co-marketing"],
    ["prospects", "prospects", "co-selling, co-marketing"],
  ])("%s x %s -> %s", (mine, partner, play) => {
    expect(recommendPlay(mine, partner)).toBe(play);
  });

  it("has no play for custom populations", () => {
    expect(recommendPlay("emea_customers", "customers")).toBeUndefined();
  });
});

describe("statuses", () => {
  it("takes the strongest status of a company's records", () => {
    expect(strongestStatus(["prospect", undefined, "customer", "opportunity"])).toBe("customer");
    expect(strongestStatus(["prospect", "opportunity"])).toBe("opportunity");
    expect(strongestStatus([])).toBe("prospect");
  });

  it("puts an account without status among prospects", () => {
    expect(standardPopulationOf(undefined)).toBe("prospects");
    expect(standardPopulationOf("opportunity")).toBe("open_opportunities");
  });
});

describe("computeOverlapMatrix", () => {
  it("counts companies per population pair with totals", () => {
    const matrix = computeOverlapMatrix({
      rows: STANDARD_POPULATIONS,
      columns: STANDARD_POPULATIONS,
      companies: [
        { minePopulations: ["customers"], partnerPopulations: ["prospects"] },
        { minePopulations: ["customers"], partnerPopulations: ["prospects"] },
        { minePopulations: ["prospects"], partnerPopulations: ["customers"] },
      ],
    });
    expect(matrix.cells.map((row) => row.map((c) => c.count))).toEqual([
      [0, 0, 2],
      [0, 0, 0],
      [1, 0, 0],
    ]);
    expect(matrix.rowTotals).toEqual([2, 0, 1]);
    expect(matrix.columnTotals).toEqual([1, 0, 2]);
    expect(matrix.total).toBe(3);
    expect(matrix.cells[0]![2]).toEqual({ row: "customers", column: "prospects", count: 2, play: "collect referral revenue" });
  });

  it("counts a company in several custom populations in each cell but once in the totals", () => {
    const matrix = computeOverlapMatrix({
      rows: ["emea", "churn_risk"],
      columns: ["customers"],
      companies: [
        { minePopulations: ["emea", "churn_risk", "emea"], partnerPopulations: ["customers"] },
        { minePopulations: ["other"], partnerPopulations: ["customers"] },
      ],
    });
    expect(matrix.cells.map((row) => row.map((c) => c.count))).toEqual([[1], [1]]);
    expect(matrix.rowTotals).toEqual([1, 1]);
    expect(matrix.columnTotals).toEqual([1]);
    expect(matrix.total).toBe(1);
  });

  it("with one population per side, cells sum to the total (property)", () => {
    const population = fc.constantFrom(...STANDARD_POPULATIONS);
    fc.assert(
      fc.property(fc.array(fc.tuple(population, population)), (pairs) => {
        const matrix = computeOverlapMatrix({
          rows: STANDARD_POPULATIONS,
          columns: STANDARD_POPULATIONS,
          companies: pairs.map(([m, p]) => ({ minePopulations: [m], partnerPopulations: [p] })),
        });
        const sum = matrix.cells.flat().reduce((n, c) => n + c.count, 0);
        return sum === pairs.length && matrix.total === pairs.length && matrix.rowTotals.reduce((a, b) => a + b, 0) === pairs.length;
      }),
    );
  });
});
