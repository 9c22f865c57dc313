import { describe, expect, it } from "vitest";
import { attributeOpportunities } from "./attribute-opportunities.ts";
import { AttributionConfigSchema, type AttributionOpportunity } from "./attribution-inputs.ts";
import { buildAttributionReport, periodOf } from "./attribution-report.ts";

const NOW = new Date("2026-12-31T00:00:00Z");
const partners = [
  { id: "p1", name: "One" },
  { id: "p2", name: "Two" },
];

function opp(id: string, o: Partial<AttributionOpportunity>): AttributionOpportunity {
  return { id, accountId: id, name: id, stage: "s", amount: 100, currency: "USD", isClosed: false, isWon: false, ...o };
}

describe("periodOf", () => {
  it.each([
    ["2026-03-31", "month", "2026-03"],
    ["2026-03-31", "quarter", "2026-Q1"],
    ["2026-04-01", "quarter", "2026-Q2"],
    ["2026-12-31T23:59:59Z", "year", "2026"],
  ] as const)("%s by %s -> %s", (date, period, label) => {
    expect(periodOf(date, period)).toBe(label);
  });
});

describe("buildAttributionReport", () => {
  const opportunities = [
    // open, sourced by p1, created in Q1 -> sourced pipeline Q1
    opp("open-q1", { createdAt: "2026-02-10", closeDate: "2027-01-31", partnerId: "p1" }),
    // won, sourced by p1, closed in Q2 -> sourced revenue Q2
    opp("won-q2", { createdAt: "2026-01-05", closeDate: "2026-05-20", isClosed: true, isWon: true, partnerId: "p1" }),
    // won, influenced by p1 and p2 -> split revenue Q3
    opp("won-q3", { createdAt: "2026-07-01", closeDate: "2026-08-15", isClosed: true, isWon: true, amount: 101 }),
    // lost: counts nowhere
    opp("lost", { createdAt: "2026-02-01", closeDate: "2026-03-01", isClosed: true, partnerId: "p2" }),
    // no rate: excluded with its reason
    opp("eur", { createdAt: "2026-02-01", closeDate: "2026-03-01", isClosed: true, isWon: true, currency: "EUR", partnerId: "p2" }),
  ];
  const overlaps = ["p1", "p2"].map((partnerId) => ({ partnerId, accountId: "won-q3", partnerPopulation: "customers", from: "2026-01-01" }));
  const { attributions } = attributeOpportunities(
    { opportunities, partners, overlaps },
    AttributionConfigSchema.parse({ influenceMode: "overlap" }),
    NOW,
  );

  it("sums sourced/influenced pipeline (open) and revenue (won) per partner and quarter", () => {
    const report = buildAttributionReport(attributions, { period: "quarter", currency: "USD" });
    expect(report.rows.map(({ partnerId, period, sourcedPipelineMinor, influencedPipelineMinor, sourcedRevenueMinor, influencedRevenueMinor }) => ({
      partnerId, period, sourcedPipelineMinor, influencedPipelineMinor, sourcedRevenueMinor, influencedRevenueMinor,
    }))).toEqual([
      { partnerId: "p1", period: "2026-Q1", sourcedPipelineMinor: 10000, influencedPipelineMinor: 0, sourcedRevenueMinor: 0, influencedRevenueMinor: 0 },
      { partnerId: "p1", period: "2026-Q2", sourcedPipelineMinor: 0, influencedPipelineMinor: 0, sourcedRevenueMinor: 10000, influencedRevenueMinor: 0 },
      { partnerId: "p1", period: "2026-Q3", sourcedPipelineMinor: 0, influencedPipelineMinor: 0, sourcedRevenueMinor: 0, influencedRevenueMinor: 5050 },
      { partnerId: "p2", period: "2026-Q3", sourcedPipelineMinor: 0, influencedPipelineMinor: 0, sourcedRevenueMinor: 0, influencedRevenueMinor: 5050 },
    ]);
    expect(report.excluded).toEqual([{ opportunityId: "eur", partnerId: "p2", reason: "no EUR->USD rate for 2026-03-01" }]);
  });

  it("groups by year", () => {
    const report = buildAttributionReport(attributions, { period: "year", currency: "USD" });
    expect(report.rows.map((r) => [r.partnerId, r.period, r.opportunityIds])).toEqual([
      ["p1", "2026", ["open-q1", "won-q2", "won-q3"]],
      ["p2", "2026", ["won-q3"]],
    ]);
  });
});
