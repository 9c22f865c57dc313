import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributeOpportunities, type AttributionInput } from "./attribute-opportunities.ts";
import type { OpportunityAttribution } from "./attribute-opportunity.ts";
import { AttributionConfigSchema, type AttributionConfigInput, type AttributionOpportunity } from "./attribution-inputs.ts";

const NOW = new Date("2026-06-30T12:00:00Z");
const partners = [
  { id: "p1", name: "Acme Partners", type: "reseller", manager: "pm@me.test" },
  { id: "p2", name: "Beta SI", type: "SI" },
  { id: "p3", name: "Gamma Tech", type: "technology" },
];

function opp(overrides: Partial<AttributionOpportunity> = {}): AttributionOpportunity {
  return {
    id: "o1",
    accountId: "a1",
    name: "Deal",
    stage: "Negotiation",
    amount: 1000,
    currency: "USD",
    createdAt: "2026-04-01",
    closeDate: "2026-06-01",
    isClosed: true,
    isWon: true,
    ...overrides,
  };
}

function run(
  o: AttributionOpportunity,
  input: Partial<Omit<AttributionInput, "opportunities" | "partners">> = {},
  config: AttributionConfigInput = {},
): OpportunityAttribution {
  return attributeOpportunities({ opportunities: [o], partners, ...input }, AttributionConfigSchema.parse(config), NOW)
    .attributions[0]!;
}

const credits = (a: OpportunityAttribution) => a.credits.map((c) => [c.kind, c.partnerId, c.share?.minor ?? null]);

function referral(partnerId: string, acceptedAt: string, kind: "referral" | "introduction" = "referral") {
  return { id: `r-${partnerId}-${acceptedAt}`, partnerId, accountId: "a1", kind, acceptedAt };
}
function overlap(partnerId: string, from: string, to?: string, partnerPopulation = "customers") {
  return { partnerId, accountId: "a1", partnerPopulation, from, ...(to ? { to } : {}) };
}
function engagement(partnerId: string, at: string, opportunityId?: string) {
  return { id: `e-${partnerId}-${at}`, partnerId, accountId: "a1", kind: "intro_request" as const, at, ...(opportunityId ? { opportunityId } : {}) };
}

describe("sourced", () => {
  it("credits the partner recorded on the opportunity, with lead source as extra evidence", () => {
    const a = run(opp({ partnerId: "p1", leadSource: "partner" }));
    expect(credits(a)).toEqual([["sourced", "p1", 100000]]);
    expect(a.credits[0]?.evidence).toEqual([
      "the opportunity's partner field names Acme Partners",
      "lead source is 'partner'",
      "sourced credit 1000.00 USD",
    ]);
    expect(a.review).toEqual([]);
  });

  it.each([
    { name: "accepted the day of creation", acceptedAt: "2026-04-01", sourced: true },
    { name: "accepted 90 days before (edge)", acceptedAt: "2026-01-01", sourced: true },
    { name: "accepted 91 days before", acceptedAt: "2025-12-31", sourced: false },
    { name: "accepted one day after creation", acceptedAt: "2026-04-02", sourced: false },
    { name: "timestamp late on the 90th day", acceptedAt: "2026-01-01T23:59:59Z", sourced: true },
  ])("referral window: $name", ({ acceptedAt, sourced }) => {
    const a = run(opp(), { referrals: [referral("p1", acceptedAt)] });
    expect(credits(a)).toEqual(sourced ? [["sourced", "p1", 100000]] : []);
  });

  it("honours a configured window", () => {
    const o = opp();
    expect(credits(run(o, { referrals: [referral("p1", "2026-03-01")] }, { sourcedWindowDays: 30 }))).toEqual([]);
    expect(credits(run(o, { referrals: [referral("p1", "2026-03-02")] }, { sourcedWindowDays: 30 }))).toEqual([
      ["sourced", "p1", 100000],
    ]);
  });

  it("evidence says how many days before creation the intro was accepted", () => {
    const a = run(opp(), { referrals: [referral("p2", "2026-03-02", "introduction")] });
    expect(a.credits[0]?.evidence[0]).toBe(
      "introduction from Beta SI accepted 2026-03-02, 30 days before the opportunity was created (window 90)",
    );
  });
});

describe("influenced", () => {
  it.each([
    { name: "overlap starts on the lookback edge (30 days before)", from: "2026-03-02", to: undefined, yes: true },
    { name: "overlap ended 31 days before creation", from: "2025-01-01", to: "2026-03-01", yes: false },
    { name: "overlap ended on the lookback edge", from: "2025-01-01", to: "2026-03-02", yes: true },
    { name: "overlap starts on the close date", from: "2026-06-01", to: undefined, yes: true },
    { name: "overlap starts the day after close", from: "2026-06-02", to: undefined, yes: false },
  ])("window: $name", ({ from, to, yes }) => {
    const a = run(opp(), { overlaps: [overlap("p1", from, to)] }, { influenceMode: "overlap" });
    expect(credits(a)).toEqual(yes ? [["influenced", "p1", 100000]] : []);
  });

  it("counts an open opportunity until now", () => {
    const open = opp({ isClosed: false, isWon: false, closeDate: "2026-09-30" });
    const a = run(open, { overlaps: [overlap("p1", "2026-06-30")] }, { influenceMode: "overlap" });
    expect(credits(a)).toEqual([["influenced", "p1", 100000]]);
    const later = run(open, { overlaps: [overlap("p1", "2026-07-01")] }, { influenceMode: "overlap" });
    expect(credits(later)).toEqual([]);
  });

  it("only the partner's customers and open opportunities influence", () => {
    const a = run(opp(), { overlaps: [overlap("p1", "2026-01-01", undefined, "prospects")] }, { influenceMode: "overlap" });
    expect(credits(a)).toEqual([]);
  });

  it.each([
    { name: "overlap without engagement", engagements: [], yes: false },
    { name: "engagement inside the window", engagements: [engagement("p1", "2026-05-01")], yes: true },
    { name: "engagement on the lookback edge", engagements: [engagement("p1", "2026-03-02")], yes: true },
    { name: "engagement before the lookback", engagements: [engagement("p1", "2026-03-01")], yes: false },
    { name: "engagement after close", engagements: [engagement("p1", "2026-06-02")], yes: false },
    { name: "engagement with another partner", engagements: [engagement("p2", "2026-05-01")], yes: false },
    { name: "engagement tied to another opportunity", engagements: [engagement("p1", "2026-05-01", "o9")], yes: false },
  ])("engaged mode (default): $name", ({ engagements, yes }) => {
    const a = run(opp(), { overlaps: [overlap("p1", "2026-01-01")], engagements });
    expect(credits(a)).toEqual(yes ? [["influenced", "p1", 100000]] : []);
  });

  it("a referral accepted after creation counts as an engagement", () => {
    const a = run(opp(), { overlaps: [overlap("p1", "2026-01-01")], referrals: [referral("p1", "2026-04-10")] });
    expect(credits(a)).toEqual([["influenced", "p1", 100000]]);
    expect(a.credits[0]?.evidence[1]).toBe("referral from Acme Partners accepted 2026-04-10, after the opportunity was created");
  });

  it("a partner that sourced the deal is not also influencing it", () => {
    const a = run(opp({ partnerId: "p1" }), { overlaps: [overlap("p1", "2026-01-01")] }, { influenceMode: "overlap" });
    expect(credits(a)).toEqual([["sourced", "p1", 100000]]);
  });

  it("honours a configured lookback", () => {
    const a = run(opp(), { overlaps: [overlap("p1", "2025-01-01", "2026-03-25")] }, { influenceMode: "overlap", influenceLookbackDays: 7 });
    expect(credits(a)).toEqual([["influenced", "p1", 100000]]);
    const b = run(opp(), { overlaps: [overlap("p1", "2025-01-01", "2026-03-24")] }, { influenceMode: "overlap", influenceLookbackDays: 7 });
    expect(credits(b)).toEqual([]);
  });
});

describe("several partners", () => {
  const input = {
    overlaps: [overlap("p1", "2026-04-10"), overlap("p2", "2026-04-05"), overlap("p3", "2026-05-01", undefined, "open_opportunities")],
    cosellScores: [
      { accountId: "a1", partnerId: "p1", score: 1 },
      { accountId: "a1", partnerId: "p2", score: 2 },
    ],
  };
  it.each([
    { split: "equal", expected: [["influenced", "p1", 33333], ["influenced", "p2", 33334], ["influenced", "p3", 33333]] },
    { split: "weighted", expected: [["influenced", "p1", 33333], ["influenced", "p2", 66667], ["influenced", "p3", 0]] },
    { split: "first", expected: [["influenced", "p1", 0], ["influenced", "p2", 100000], ["influenced", "p3", 0]] },
    { split: "last", expected: [["influenced", "p1", 0], ["influenced", "p2", 0], ["influenced", "p3", 100000]] },
  ] as const)("$split split sums to the amount", ({ split, expected }) => {
    const a = run(opp(), input, { influenceMode: "overlap", split });
    expect(credits(a)).toEqual(expected);
    expect(a.credits.reduce((sum, c) => sum + (c.share?.minor ?? 0), 0)).toBe(100000);
  });

  it("splits sourced and influenced credit separately", () => {
    const a = run(opp({ partnerId: "p3" }), input, { influenceMode: "overlap" });
    expect(credits(a)).toEqual([
      ["sourced", "p3", 100000],
      ["influenced", "p1", 50000],
      ["influenced", "p2", 50000],
    ]);
  });
});

describe("money", () => {
  const rates = [{ currency: "EUR", validFrom: "2026-06-01", validTo: "2026-06-30", rate: 1.08 }];

  it("converts at the close date's rate", () => {
    const a = run(opp({ currency: "EUR", amount: 999.99, partnerId: "p1" }), {}, { rates });
    expect(a.amount).toEqual({ minor: 99999, currency: "EUR" });
    expect(a.converted).toEqual({ minor: 107999, currency: "USD" });
    expect(a.evidence[0]).toBe("converted 999.99 EUR at 1.08 (EUR->USD rate for 2026-06-01)");
  });

  it("flags a missing rate instead of guessing, but still names the partner", () => {
    const a = run(opp({ currency: "EUR", closeDate: "2026-05-31", partnerId: "p1" }), {}, { rates });
    expect(a.flags).toEqual([{ kind: "missing_rate", message: "no EUR->USD rate for 2026-05-31" }]);
    expect(a.converted).toBeNull();
    expect(credits(a)).toEqual([["sourced", "p1", null]]);
  });

  it("flags a missing amount and reads a missing currency as the org currency", () => {
    expect(run(opp({ amount: undefined, partnerId: "p1" })).flags.map((f) => f.kind)).toEqual(["missing_amount"]);
    const noCurrency = run(opp({ currency: undefined }), {}, { orgCurrency: "EUR" });
    expect(noCurrency.converted).toEqual({ minor: 100000, currency: "EUR" });
    expect(noCurrency.evidence[0]).toBe("no currency on the opportunity: amount read as EUR");
  });

  it("flags a missing created date (windows cannot be checked)", () => {
    const a = run(opp({ createdAt: undefined }), { referrals: [referral("p1", "2026-03-01")] });
    expect(a.flags.map((f) => f.kind)).toEqual(["missing_created_date"]);
    expect(a.credits).toEqual([]);
  });
});

describe("conflicts go to the review queue", () => {
  it("partner field and another partner's referral both claim the deal", () => {
    const result = attributeOpportunities(
      { opportunities: [opp({ partnerId: "p1" })], partners, referrals: [referral("p2", "2026-03-15")] },
      AttributionConfigSchema.parse({}),
      NOW,
    );
    expect(credits(result.attributions[0]!)).toEqual([
      ["sourced", "p1", 50000],
      ["sourced", "p2", 50000],
    ]);
    expect(result.reviewQueue).toEqual([
      {
        opportunityId: "o1",
        kind: "conflicting_sources",
        partnerIds: ["p1", "p2"],
        message: "several partners claim to have sourced it: Acme Partners, Beta SI",
      },
    ]);
  });

  it.each([
    { name: "lead source says partner but none is recorded", o: opp({ leadSource: "Channel" }), kind: "partner_source_unclear" },
    { name: "partner field names an unknown partner", o: opp({ partnerId: "nobody" }), kind: "unknown_partner" },
    { name: "partner field set but lead source is not a partner one", o: opp({ partnerId: "p1", leadSource: "Web" }), kind: "lead_source_disagrees" },
  ])("$name", ({ o, kind }) => {
    expect(run(o).review.map((r) => r.kind)).toEqual([kind]);
  });

  it("a partner lead source with a referral in the window is not unclear", () => {
    const a = run(opp({ leadSource: "Partner Referral" }), { referrals: [referral("p2", "2026-03-15")] });
    expect(a.review).toEqual([]);
    expect(credits(a)).toEqual([["sourced", "p2", 100000]]);
    expect(a.credits[0]?.evidence).toContain("lead source is 'Partner Referral'");
  });
});

describe("lead source + partner field (sourced rule)", () => {
  type Case = {
    name: string;
    o: AttributionOpportunity;
    referrals?: ReturnType<typeof referral>[];
    config?: AttributionConfigInput;
    sourced: string[];
    review: string[];
    leadSourceEvidence?: boolean;
  };
  it.each<Case>([
    { name: "partner lead source + partner field", o: opp({ leadSource: "Partner Referral", partnerId: "p1" }), sourced: ["p1"], review: [], leadSourceEvidence: true },
    { name: "lead source matches without case or outer spaces", o: opp({ leadSource: "  channel ", partnerId: "p1" }), sourced: ["p1"], review: [], leadSourceEvidence: true },
    { name: "partner field alone (no lead source mapped)", o: opp({ partnerId: "p1" }), sourced: ["p1"], review: [] },
    { name: "partner field with a non-partner lead source", o: opp({ leadSource: "Web", partnerId: "p1" }), sourced: ["p1"], review: ["lead_source_disagrees"] },
    { name: "plain 'Referral' is not a partner lead source by default", o: opp({ leadSource: "Referral", partnerId: "p1" }), sourced: ["p1"], review: ["lead_source_disagrees"] },
    { name: "partner lead source, no partner field, no referral", o: opp({ leadSource: "Partner" }), sourced: [], review: ["partner_source_unclear"] },
    { name: "partner lead source, referral accepted after creation only", o: opp({ leadSource: "Partner" }), referrals: [referral("p2", "2026-04-02")], sourced: [], review: ["partner_source_unclear"] },
    { name: "partner lead source, referral on the window edge", o: opp({ leadSource: "Partner" }), referrals: [referral("p2", "2026-01-01")], sourced: ["p2"], review: [], leadSourceEvidence: true },
    { name: "partner lead source, referral one day outside the window", o: opp({ leadSource: "Partner" }), referrals: [referral("p2", "2025-12-31")], sourced: [], review: ["partner_source_unclear"] },
    { name: "partner lead source naming an unknown partner", o: opp({ leadSource: "Partner", partnerId: "nobody" }), sourced: [], review: ["unknown_partner"] },
    { name: "non-partner lead source alone", o: opp({ leadSource: "Web" }), sourced: [], review: [] },
    { name: "configured values replace the defaults", o: opp({ leadSource: "Reseller", partnerId: "p1" }), config: { partnerLeadSources: ["Reseller"] }, sourced: ["p1"], review: [], leadSourceEvidence: true },
    { name: "a default value no longer configured disagrees", o: opp({ leadSource: "Partner", partnerId: "p1" }), config: { partnerLeadSources: ["Reseller"] }, sourced: ["p1"], review: ["lead_source_disagrees"] },
    { name: "configured value unclear without a partner", o: opp({ leadSource: "reseller" }), config: { partnerLeadSources: ["Reseller"] }, sourced: [], review: ["partner_source_unclear"] },
  ])("$name", ({ o, referrals, config, sourced, review, leadSourceEvidence }) => {
    const a = run(o, { referrals: referrals ?? [] }, config);
    expect(a.credits.filter((c) => c.kind === "sourced").map((c) => c.partnerId)).toEqual(sourced);
    expect(a.review.map((r) => r.kind)).toEqual(review);
    const hasLeadSourceSignal = a.credits.some((c) => c.signals.some((s) => s.kind === "lead_source"));
    expect(hasLeadSourceSignal).toBe(leadSourceEvidence ?? false);
  });

  it("explains an unclear partner lead source", () => {
    expect(run(opp({ leadSource: "Partner Referral" })).review).toEqual([
      {
        opportunityId: "o1",
        kind: "partner_source_unclear",
        partnerIds: [],
        message: "lead source is 'Partner Referral' but no partner is recorded and no referral was accepted within 90 days before creation",
      },
    ]);
  });
});

describe("manual overrides", () => {
  const conflicting = { referrals: [referral("p2", "2026-03-15")] };

  it("the latest override wins, settles the review and keeps the computed evidence", () => {
    const a = run(opp({ partnerId: "p1" }), {
      ...conflicting,
      overrides: [
        { opportunityId: "o1", credits: [{ partnerId: "p2", kind: "sourced" }], reason: "older", by: "x", at: "2026-06-01" },
        {
          opportunityId: "o1",
          credits: [{ partnerId: "p1", kind: "sourced" }, { partnerId: "p3", kind: "influenced" }],
          reason: "p2's intro was for another team",
          by: "pm@me.test",
          at: "2026-06-10T09:00:00Z",
        },
      ],
    });
    expect(a.origin).toBe("override");
    expect(a.override?.reason).toBe("p2's intro was for another team");
    expect(a.review).toEqual([]);
    expect(credits(a)).toEqual([
      ["sourced", "p1", 100000],
      ["influenced", "p3", 100000],
    ]);
    expect(a.credits[0]?.evidence.slice(0, 2)).toEqual([
      "manual override by pm@me.test on 2026-06-10: p2's intro was for another team",
      "the opportunity's partner field names Acme Partners",
    ]);
  });

  it("uses override weights when given, and an empty override removes all credit", () => {
    const weighted = run(opp(), {
      overrides: [
        {
          opportunityId: "o1",
          credits: [{ partnerId: "p1", kind: "sourced", weight: 3 }, { partnerId: "p2", kind: "sourced", weight: 1 }],
          reason: "agreed 75/25",
          by: "x",
          at: "2026-06-01",
        },
      ],
    });
    expect(credits(weighted)).toEqual([
      ["sourced", "p1", 75000],
      ["sourced", "p2", 25000],
    ]);
    const none = run(opp({ partnerId: "p1" }), {
      overrides: [{ opportunityId: "o1", credits: [], reason: "house deal", by: "x", at: "2026-06-01" }],
    });
    expect(none.credits).toEqual([]);
    expect(none.origin).toBe("override");
  });
});

describe("credit always sums to the amount (property)", () => {
  it("for any partners, touches, scores, split method and amount", () => {
    const partnerIds = ["p1", "p2", "p3"];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }).map((cents) => cents / 100),
        fc.constantFrom("equal", "weighted", "first", "last" as const),
        fc.subarray(partnerIds, { minLength: 1 }),
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 3, maxLength: 3 }),
        fc.option(fc.constantFrom(...partnerIds), { nil: undefined }),
        (amount, split, influencing, scores, startDays, sourcedBy) => {
          const a = run(
            opp({ amount, ...(sourcedBy ? { partnerId: sourcedBy } : {}) }),
            {
              overlaps: influencing.map((p, i) => overlap(p, `2026-04-${String(startDays[i]).padStart(2, "0")}`)),
              cosellScores: partnerIds.map((partnerId, i) => ({ accountId: "a1", partnerId, score: scores[i]! })),
            },
            { influenceMode: "overlap", split },
          );
          for (const kind of ["sourced", "influenced"] as const) {
            const ofKind = a.credits.filter((c) => c.kind === kind);
            if (ofKind.length === 0) continue;
            expect(ofKind.reduce((sum, c) => sum + c.share!.minor, 0)).toBe(a.converted!.minor);
          }
          expect(a.converted!.minor).toBe(Math.round(amount * 100));
        },
      ),
      { numRuns: 300 },
    );
  });
});
