import { describe, expect, it } from "vitest";
import { attributeOpportunities } from "./attribute-opportunities.ts";
import { AttributionConfigSchema, type AttributionOpportunity } from "./attribution-inputs.ts";
import { tagInfluencingPartners } from "./influencing-partner.ts";

const NOW = new Date("2026-06-30T10:00:00Z");
const partners = [
  { id: "p1", name: "Acme Partners", type: "reseller", manager: "ana@me.test" },
  { id: "p2", name: "Beta SI", type: "SI", manager: "bo@me.test" },
];
const config = AttributionConfigSchema.parse({});

function open(id: string): AttributionOpportunity {
  return { id, accountId: "a1", name: id, stage: "s", amount: 10, currency: "USD", createdAt: "2026-05-01", isClosed: false, isWon: false };
}
const overlaps = ["p1", "p2"].map((partnerId) => ({ partnerId, accountId: "a1", partnerPopulation: "customers", from: "2026-01-01" }));
const engage = (partnerId: string, at: string) => ({ id: `${partnerId}${at}`, partnerId, accountId: "a1", kind: "note" as const, at });

function attributions(engagements: ReturnType<typeof engage>[], opps = [open("o1")]) {
  return attributeOpportunities({ opportunities: opps, partners, overlaps, engagements }, config, NOW).attributions;
}

describe("tagInfluencingPartners", () => {
  it("picks the partner with the most evidence, with type, manager, assigned date and notes", () => {
    const tags = tagInfluencingPartners(
      { attributions: attributions([engage("p1", "2026-05-02"), engage("p2", "2026-05-03"), engage("p2", "2026-05-04")]), partners },
      NOW,
    );
    expect(tags).toEqual([
      {
        opportunityId: "o1",
        partnerId: "p2",
        partnerName: "Beta SI",
        partnerType: "SI",
        partnerManager: "bo@me.test",
        assignedAt: "2026-06-30",
        notes: "account was in Beta SI's customers from 2026-01-01; note with Beta SI on 2026-05-03; note with Beta SI on 2026-05-04",
        origin: "computed",
        evidenceCount: 3,
      },
    ]);
  });

  it.each([
    { name: "tie broken by co-sell score", scores: [{ accountId: "a1", partnerId: "p2", score: 0.9 }, { accountId: "a1", partnerId: "p1", score: 0.5 }], chosen: "p2" },
    { name: "tie without scores falls to partner id", scores: [], chosen: "p1" },
  ])("$name", ({ scores, chosen }) => {
    const tags = tagInfluencingPartners(
      { attributions: attributions([engage("p1", "2026-05-02"), engage("p2", "2026-05-03")]), partners, cosellScores: scores },
      NOW,
    );
    expect(tags[0]?.partnerId).toBe(chosen);
  });

  it("a manual tag always wins", () => {
    const tags = tagInfluencingPartners(
      {
        attributions: attributions([engage("p2", "2026-05-03"), engage("p2", "2026-05-04")]),
        partners,
        manualTags: [{ opportunityId: "o1", partnerId: "p1", assignedAt: "2026-06-01T08:00:00Z", by: "ana@me.test" }],
      },
      NOW,
    );
    expect(tags.map((t) => [t.partnerId, t.origin, t.assignedAt, t.notes])).toEqual([["p1", "manual", "2026-06-01", "tagged by ana@me.test"]]);
  });

  it("re-evaluates as evidence changes, keeping the assigned date while the choice stands", () => {
    const before = tagInfluencingPartners({ attributions: attributions([engage("p1", "2026-05-02")]), partners }, new Date("2026-05-10"));
    expect(before.map((t) => [t.partnerId, t.assignedAt])).toEqual([["p1", "2026-05-10"]]);
    const same = tagInfluencingPartners({ attributions: attributions([engage("p1", "2026-05-02")]), partners, previousTags: before }, NOW);
    expect(same.map((t) => [t.partnerId, t.assignedAt])).toEqual([["p1", "2026-05-10"]]);
    const changed = tagInfluencingPartners(
      { attributions: attributions([engage("p1", "2026-05-02"), engage("p2", "2026-05-20"), engage("p2", "2026-06-01")]), partners, previousTags: before },
      NOW,
    );
    expect(changed.map((t) => [t.partnerId, t.assignedAt])).toEqual([["p2", "2026-06-30"]]);
  });

  it("tags only open opportunities with a credited partner", () => {
    const won = { ...open("won"), isClosed: true, isWon: true, closeDate: "2026-06-01" };
    const tags = tagInfluencingPartners({ attributions: attributions([], [open("o1"), won]), partners }, NOW);
    expect(tags).toEqual([]);
  });
});
