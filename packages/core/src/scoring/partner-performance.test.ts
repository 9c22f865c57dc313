import { describe, expect, it } from "vitest";
import type { Opportunity } from "../model/opportunity.ts";
import { computePartnerPerformance, PartnerPerformanceOptionsSchema } from "./partner-performance.ts";

const NOW = new Date("2026-11-20T15:00:00Z");
const defaults = PartnerPerformanceOptionsSchema.parse({});

let seq = 0;
function deal(accountId: string, o: Partial<Opportunity> = {}): Opportunity {
  seq += 1;
  return {
    id: `o${seq}`,
    accountId,
    name: "d",
    stage: "Closed",
    amount: 1000,
    currency: "USD",
    createdAt: "2026-06-01",
    closeDate: "2026-07-01",
    isClosed: true,
    isWon: true,
    ...o,
  };
}

/** n deals on one account: `won` of them won. */
function deals(accountId: string, n: number, won: number, o: Partial<Opportunity> = {}): Opportunity[] {
  return Array.from({ length: n }, (_, i) => deal(accountId, { isWon: i < won, ...o }));
}

describe("computePartnerPerformance", () => {
  it("compares win rate, deal size and days to close on overlapping vs other accounts", () => {
    const opportunities = [
      ...deals("shared", 10, 6, { amount: 2000, createdAt: "2026-06-01", closeDate: "2026-06-21" }),
      ...deals("other", 10, 3, { amount: 1000, createdAt: "2026-06-01", closeDate: "2026-07-31" }),
      deal("shared", { isClosed: false, isWon: false, closeDate: undefined }), // open: ignored
    ];
    const result = computePartnerPerformance({ partnerId: "p1", opportunities, overlappingAccountIds: ["shared"] }, defaults, NOW);
    expect(result.status).toBe("scored");
    if (result.status !== "scored") return;
    expect(result.window).toEqual({ from: "2025-11-20", to: "2026-11-20" });
    expect(result.overlapping).toEqual({ closedDeals: 10, wonDeals: 6, winRate: 0.6, averageDealSizeMinor: 200000, averageDaysToClose: 20 });
    expect(result.nonOverlapping).toEqual({ closedDeals: 10, wonDeals: 3, winRate: 0.3, averageDealSizeMinor: 100000, averageDaysToClose: 60 });
    expect(result.comparison.winRateDelta).toBeCloseTo(0.3, 12);
    expect(result.comparison.dealSizeRatio).toBe(2);
    expect(result.comparison.daysToCloseDelta).toBe(-40);
  });

  it.each([
    { name: "closed on the window's first day", closeDate: "2025-11-20", counted: true },
    { name: "closed the day before the window", closeDate: "2025-11-19", counted: false },
    { name: "closed today", closeDate: "2026-11-20", counted: true },
    { name: "close date in the future", closeDate: "2026-11-21", counted: false },
  ])("window edge: $name", ({ closeDate, counted }) => {
    const opportunities = [deal("shared", { closeDate, createdAt: "2025-01-01" })];
    const result = computePartnerPerformance({ partnerId: "p1", opportunities, overlappingAccountIds: ["shared"] }, defaults, NOW);
    expect(result.overlapping.closedDeals).toBe(counted ? 1 : 0);
  });

  it("clamps month arithmetic at month ends", () => {
    const result = computePartnerPerformance(
      { partnerId: "p1", opportunities: [], overlappingAccountIds: [] },
      PartnerPerformanceOptionsSchema.parse({ windowMonths: 1 }),
      new Date("2026-03-31T00:00:00Z"),
    );
    expect(result.window.from).toBe("2026-02-28");
  });

  it.each([
    { overlapping: 9, other: 10, message: "insufficient data: 9 closed deals on accounts overlapping the partner (minimum 10)" },
    { overlapping: 10, other: 2, message: "insufficient data: 2 closed deals on accounts not overlapping the partner (minimum 10)" },
    { overlapping: 0, other: 0, message: "insufficient data: 0 closed deals on accounts overlapping the partner (minimum 10)" },
  ])("insufficient data below the minimum: $overlapping / $other", ({ overlapping, other, message }) => {
    const opportunities = [...deals("shared", overlapping, 1), ...deals("other", other, 1)];
    const result = computePartnerPerformance({ partnerId: "p1", opportunities, overlappingAccountIds: ["shared"] }, defaults, NOW);
    expect(result.status).toBe("insufficient_data");
    expect(result.status === "insufficient_data" && result.message).toBe(message);
  });

  it("honours a configured minimum and leaves unconvertible amounts out of the average", () => {
    const options = PartnerPerformanceOptionsSchema.parse({ minClosedDeals: 1 });
    const eur = deal("shared", { currency: "EUR", amount: 5000 });
    const opportunities = [eur, deal("shared", { amount: 3000 }), deal("other")];
    const result = computePartnerPerformance({ partnerId: "p1", opportunities, overlappingAccountIds: ["shared"] }, options, NOW);
    expect(result.status).toBe("scored");
    expect(result.overlapping.averageDealSizeMinor).toBe(300000);
    expect(result.unconvertedOpportunityIds).toEqual([eur.id]);
  });
});
