import { describe, expect, it } from "vitest";
import { compareCosellScores, pickBestPartners } from "./best-partner.ts";
import { CosellConfigSchema } from "./cosell-config.ts";
import { buildCosellShortlist, classifyQuadrant, QUADRANT_ADVICE } from "./cosell-quadrants.ts";
import { computeCosellScore, type CosellScore } from "./cosell-score.ts";
import { knownFact, unknownFact } from "./shared-fact.ts";

const config = CosellConfigSchema.parse({});

function score(accountId: string, partnerId: string, opps: number, customer = false): CosellScore {
  return computeCosellScore(
    { accountId, partnerId, partnerCustomer: knownFact(customer), partnerOpenOpps: knownFact(opps), partnerTier: knownFact("") },
    config,
  );
}

describe("classifyQuadrant", () => {
  it.each([
    { icp: 90, cosell: 1, q: "cosell_first" },
    { icp: 90, cosell: 0.1, q: "direct_outreach" },
    { icp: 75, cosell: 1, q: "partner_opens_door" },
    { icp: 75, cosell: 0.1, q: "deprioritize" },
    { icp: 80, cosell: 0.5, q: "cosell_first" }, // on both thresholds: high
  ])("icp $icp, co-sell $cosell -> $q", ({ icp, cosell, q }) => {
    expect(classifyQuadrant(icp, cosell, { icp: 80, cosell: 0.5 })).toBe(q);
  });

  it("carries the advice of each quadrant", () => {
    expect(QUADRANT_ADVICE.cosell_first).toBe("ask the partner for an intro and co-sell first");
    expect(QUADRANT_ADVICE.direct_outreach).toBe("direct outreach");
    expect(QUADRANT_ADVICE.partner_opens_door).toBe("let the partner open the door");
    expect(QUADRANT_ADVICE.deprioritize).toBe("deprioritize");
  });
});

describe("pickBestPartners", () => {
  it("takes the highest score per account, ties to complete then partner id", () => {
    const partial = computeCosellScore(
      { accountId: "a", partnerId: "p0", partnerCustomer: knownFact(false), partnerOpenOpps: knownFact(1), partnerTier: unknownFact("not_shared") },
      config,
    );
    const best = pickBestPartners([score("a", "p2", 1), partial, score("a", "p1", 1), score("b", "p1", 0), score("b", "p3", 2)]);
    expect(best.get("a")?.partnerId).toBe("p1");
    expect(best.get("b")?.partnerId).toBe("p3");
  });

  it("ranks unknown scores last", () => {
    const unknown = computeCosellScore(
      { accountId: "a", partnerId: "p0", partnerCustomer: unknownFact("counts_only"), partnerOpenOpps: unknownFact("counts_only"), partnerTier: unknownFact("counts_only") },
      config,
    );
    expect(compareCosellScores(unknown, score("a", "p9", 0))).toBeGreaterThan(0);
    expect(pickBestPartners([unknown, score("a", "p9", 0)]).get("a")?.partnerId).toBe("p9");
  });
});

describe("buildCosellShortlist", () => {
  const accounts = [
    { id: "hi-hi", name: "A", icpScore: 100 },
    { id: "hi-lo", name: "B", icpScore: 95 },
    { id: "lo-hi", name: "C", icpScore: 70 },
    { id: "lo-lo", name: "D", icpScore: 72 },
    { id: "below", name: "E", icpScore: 69.9 },
    { id: "no-icp", name: "F" },
  ];
  const scores = [
    score("hi-hi", "p1", 2, true),
    score("hi-hi", "p2", 0),
    score("hi-lo", "p1", 0),
    score("lo-hi", "p2", 2),
    score("lo-lo", "p1", 0),
    score("below", "p1", 5),
  ];

  it("shortlists ICP >= 70 and defaults thresholds to the midpoint of each axis over the shortlist", () => {
    const result = buildCosellShortlist(accounts, scores, config);
    expect(result.excluded).toEqual({ belowMinIcp: 1, withoutIcp: 1 });
    expect(result.thresholds.icp).toBe(85);
    expect(result.thresholds.cosell).toBeCloseTo((0.35 + 0.9) / 2, 12);
    expect(result.entries.map((e) => [e.accountId, e.quadrant, e.best?.partnerId])).toEqual([
      ["hi-hi", "cosell_first", "p1"],
      ["hi-lo", "direct_outreach", "p1"],
      ["lo-hi", "partner_opens_door", "p2"],
      ["lo-lo", "deprioritize", "p1"],
    ]);
    expect(result.entries[0]?.scores).toHaveLength(2);
    expect(result.entries[0]?.advice).toBe("ask the partner for an intro and co-sell first");
  });

  it("honours a configured minimum ICP and explicit thresholds", () => {
    const result = buildCosellShortlist(accounts, scores, { minIcp: 90 }, { icp: 99, cosell: 0.1 });
    expect(result.entries.map((e) => [e.accountId, e.quadrant])).toEqual([
      ["hi-hi", "cosell_first"],
      ["hi-lo", "deprioritize"],
    ]);
    expect(result.excluded.belowMinIcp).toBe(3);
  });

  it("explains accounts without a quadrant and flags partial scores", () => {
    const partial = computeCosellScore(
      { accountId: "hi-lo", partnerId: "p1", partnerCustomer: knownFact(false), partnerOpenOpps: unknownFact("not_shared"), partnerTier: knownFact("Gold") },
      config,
    );
    const unknown = computeCosellScore(
      { accountId: "lo-hi", partnerId: "p1", partnerCustomer: unknownFact("counts_only"), partnerOpenOpps: unknownFact("counts_only"), partnerTier: unknownFact("counts_only") },
      config,
    );
    const result = buildCosellShortlist(accounts, [partial, unknown], config);
    const byId = new Map(result.entries.map((e) => [e.accountId, e]));
    expect(byId.get("hi-lo")?.reasons).toEqual(["co-sell score is partial: partner open opportunities: not shared by the partner"]);
    expect(byId.get("lo-hi")?.quadrant).toBeNull();
    expect(byId.get("lo-hi")?.reasons[0]).toMatch(/^co-sell score unknown: partner customer: partner shares counts only/);
    expect(byId.get("lo-lo")?.reasons).toEqual(["no partner score for this account"]);
  });

  it("has no thresholds on an empty shortlist", () => {
    const result = buildCosellShortlist([{ id: "x", icpScore: 10 }], [], config);
    expect(result.entries).toEqual([]);
    expect(result.thresholds).toEqual({ icp: null, cosell: null });
  });
});
