import { describe, expect, it } from "vitest";
import { CosellConfigSchema } from "./cosell-config.ts";
import { computeCosellScore, describeCosellScore, formatScore, scoreTier, type CosellFacts } from "./cosell-score.ts";
import { knownFact, unknownFact } from "./shared-fact.ts";

const defaults = CosellConfigSchema.parse({});

function facts(overrides: Partial<CosellFacts>): CosellFacts {
  return {
    accountId: "a1",
    partnerId: "p1",
    partnerCustomer: knownFact(false),
    partnerOpenOpps: knownFact(0),
    partnerTier: knownFact(""),
    ...overrides,
  };
}

describe("computeCosellScore", () => {
  it.each([
    { name: "customer only", f: { partnerCustomer: knownFact(true) }, score: 0.35 },
    { name: "two open opps", f: { partnerOpenOpps: knownFact(2) }, score: 0.9 },
    { name: "platinum tier", f: { partnerTier: knownFact("Platinum") }, score: 0.6 },
    { name: "gold tier, case-insensitive", f: { partnerTier: knownFact(" gold ") }, score: 0.4 },
    { name: "silver tier", f: { partnerTier: knownFact("Silver") }, score: 0.2 },
    {
      name: "all three",
      f: { partnerCustomer: knownFact(true), partnerOpenOpps: knownFact(1), partnerTier: knownFact("Gold") },
      score: 0.35 + 0.45 + 0.4,
    },
    { name: "nothing", f: {}, score: 0 },
  ])("$name scores $score and is complete", ({ f, score }) => {
    const result = computeCosellScore(facts(f), defaults);
    expect(result.score).toBeCloseTo(score, 12);
    expect(result.completeness).toBe("complete");
    expect(result.reasons).toEqual([]);
  });

  it("uses configured weights and tier table", () => {
    const config = CosellConfigSchema.parse({ weights: { customer: 1, opps: 0.5, tier: 2 }, tiers: { Elite: 5 } });
    const result = computeCosellScore(
      facts({ partnerCustomer: knownFact(true), partnerOpenOpps: knownFact(3), partnerTier: knownFact("elite") }),
      config,
    );
    expect(result.score).toBe(1 + 1.5 + 10);
  });

  it("scores a tier missing from the table as 0 and says so", () => {
    const result = computeCosellScore(facts({ partnerTier: knownFact("Bronze") }), defaults);
    expect(result.score).toBe(0);
    expect(result.completeness).toBe("complete");
    expect(result.notes).toEqual(["tier 'Bronze' is not in the tier table, scored 0"]);
    expect(result.components.tier.tierScore).toBe(0);
  });

  it("scores a shared empty tier as 0 without a note", () => {
    const result = computeCosellScore(facts({ partnerTier: knownFact("") }), defaults);
    expect([result.score, result.completeness, result.notes]).toEqual([0, "complete", []]);
  });

  it("keeps full precision and rounds only for display", () => {
    const config = CosellConfigSchema.parse({ weights: { customer: 1 / 3, opps: 0, tier: 0 } });
    const result = computeCosellScore(facts({ partnerCustomer: knownFact(true) }), config);
    expect(result.score).toBe(1 / 3);
    expect(formatScore(result.score!)).toBe("0.33");
  });

  it("marks a score partial with the reason for each unshared fact", () => {
    const result = computeCosellScore(
      facts({ partnerCustomer: knownFact(true), partnerOpenOpps: unknownFact("not_shared", "no opportunity list") }),
      defaults,
    );
    expect(result.completeness).toBe("partial");
    expect(result.score).toBe(0.35);
    expect(result.reasons).toEqual(["partner open opportunities: not shared by the partner (no opportunity list)"]);
    expect(describeCosellScore(result)).toBe(
      "0.35 (partial: partner open opportunities: not shared by the partner (no opportunity list))",
    );
  });

  it("says why a score is unknown instead of a bare 'Unknown'", () => {
    const result = computeCosellScore(
      facts({
        partnerCustomer: unknownFact("counts_only"),
        partnerOpenOpps: unknownFact("counts_only"),
        partnerTier: unknownFact("missing_value"),
      }),
      defaults,
    );
    expect(result.score).toBeNull();
    expect(result.completeness).toBe("unknown");
    expect(describeCosellScore(result)).toBe(
      "unknown: partner customer: partner shares counts only; partner open opportunities: partner shares counts only; partner tier: partner's record has no value",
    );
  });
});

describe("scoreTier / formatScore", () => {
  it.each([
    ["Platinum", 3, true],
    ["PLATINUM", 3, true],
    ["Unknown", 0, false],
  ] as const)("%s -> %d", (tier, score, listed) => {
    expect(scoreTier(tier, defaults.tiers)).toEqual({ score, listed });
  });

  it.each([
    [1.005, "1.01"],
    [0.125, "0.13"],
    [2, "2.00"],
    [0.1 + 0.2, "0.30"],
  ])("formats %d as %s", (value, text) => {
    expect(formatScore(value)).toBe(text);
  });
});
