import type { Opportunity } from "@mutual/core";
import { accounts, listPartners } from "@mutual/db";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { company, partner, seedOrg, useServiceContext } from "../internal/test-setup.ts";
import { setSharingRule } from "../sharing/set-sharing-rule.ts";
import { computeCosellScores } from "./compute-cosell-scores.ts";
import { estimatePartnerOpportunity } from "./estimate-partner-opportunity.ts";
import { getCosellConfig } from "./get-cosell-config.ts";
import { getCosellShortlist } from "./get-cosell-shortlist.ts";
import { getPartnerPerformance } from "./get-partner-performance.ts";
import { setCosellConfig } from "./set-cosell-config.ts";

function idOf(ctx: ServiceContext, orgId: string, sourceId: string): string {
  return ctx.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.orgId, orgId), eq(accounts.sourceId, sourceId))).get()!.id;
}

const globexOpen: Opportunity = { id: "go1", accountId: "g2", name: "Hooli deal", stage: "Open", isClosed: false, isWon: false };

/** Acme scores against Globex, which shares customers (name, tier) but opportunities as counts only. */
async function seed(ctx: ServiceContext, opportunitiesLevel: "counts" | "overlaps" = "counts") {
  const acme = await seedOrg(ctx, "Acme", [
    company("a1", "Initech", { icpScore: 90 }),
    company("a2", "Hooli", { icpScore: 70 }),
    company("a3", "Stark Industries", { icpScore: 30 }),
    company("a4", "Umbrella", { icpScore: 100 }),
  ]);
  const globex = await seedOrg(
    ctx,
    "Globex",
    [company("g1", "Initech", { status: "customer", tier: "Platinum" }), company("g2", "Hooli", { tier: "Silver" })],
    [globexOpen],
  );
  await setSharingRule(ctx, { actorUserId: globex.adminId, populationId: globex.populations.customers, level: "overlaps", fieldAllowlist: ["name", "tier"] });
  await setSharingRule(ctx, { actorUserId: globex.adminId, populationId: globex.populations.open_opportunities, level: opportunitiesLevel, fieldAllowlist: ["name", "tier"] });
  await partner(ctx, acme, globex);
  const partnerId = (await listPartners(ctx.db, acme.orgId))[0]!.id;
  return { acme, globex, partnerId };
}

describe("co-sell services (integration, through the sharing read path)", () => {
  const ctx = useServiceContext();

  it("scores with what the partner shares and says why a component is unknown", async () => {
    const { acme, partnerId } = await seed(ctx);
    const [result] = await computeCosellScores(ctx, { orgId: acme.orgId });
    const byAccount = new Map(result!.scores.map((s) => [s.accountId, s]));
    const initech = byAccount.get(idOf(ctx, acme.orgId, "a1"))!;
    expect(result!.partnerId).toBe(partnerId);
    // customer 0.35 + tier Platinum 3 x 0.2; open opportunities shared as counts only.
    expect(initech.score).toBeCloseTo(0.95, 10);
    expect(initech.completeness).toBe("partial");
    expect(initech.reasons).toEqual(["partner open opportunities: partner shares counts only (open opportunities population shared as counts only)"]);
    // Hooli is only in Globex's open opportunities (counts): not visible, so no customer and no tier.
    expect(byAccount.get(idOf(ctx, acme.orgId, "a2"))!.score).toBe(0);
  });

  it("counts open opportunities and reads tiers once the partner shares them, with configurable weights", async () => {
    const { acme } = await seed(ctx, "overlaps");
    await setCosellConfig(ctx, { orgId: acme.orgId, settings: { cosell: { weights: { customer: 1, opps: 1, tier: 0 }, minIcp: 60 } } });
    const [result] = await computeCosellScores(ctx, { orgId: acme.orgId });
    const hooli = result!.scores.find((s) => s.accountId === idOf(ctx, acme.orgId, "a2"))!;
    expect(hooli).toMatchObject({ score: 1, completeness: "complete" });

    const shortlist = await getCosellShortlist(ctx, { orgId: acme.orgId });
    // Stark (ICP 30) is below the minimum; Umbrella has no overlap (score 0).
    expect(shortlist.excluded).toEqual({ belowMinIcp: 1, withoutIcp: 0 });
    expect(shortlist.thresholds).toEqual({ icp: 85, cosell: 0.5 });
    expect(shortlist.entries.map((e) => [e.name, e.cosellScore, e.quadrant])).toEqual([
      ["Initech", 1, "cosell_first"],
      ["Umbrella", 0, "direct_outreach"],
      ["Hooli", 1, "partner_opens_door"],
    ]);
    expect(shortlist.entries[0]!.advice).toBe("ask the partner for an intro and co-sell first");
  });

  it("gets and sets the config with defaults, and rejects bad weights", async () => {
    const { acme } = await seed(ctx);
    const defaults = await getCosellConfig(ctx, { orgId: acme.orgId });
    expect(defaults).toMatchObject({ orgCurrency: "USD", exchangeRates: [], cosell: { minIcp: 70, tiers: { Platinum: 3, Gold: 2, Silver: 1 } } });
    const saved = await setCosellConfig(ctx, {
      orgId: acme.orgId,
      settings: { attribution: { split: "weighted", influenceMode: "overlap" }, quadrants: { icp: 80 } },
      exchangeRates: [{ currency: "EUR", validFrom: "2026-01-01", validTo: "2026-12-31", rate: 1.08 }],
    });
    expect(saved).toMatchObject({ attribution: { split: "weighted", influenceMode: "overlap" }, quadrants: { icp: 80 }, exchangeRates: [{ currency: "EUR" }] });
    await expect(
      setCosellConfig(ctx, { orgId: acme.orgId, settings: { cosell: { weights: { customer: -1 } } } }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("says insufficient data for partner performance with few closed deals", async () => {
    const { acme } = await seed(ctx);
    const [performance] = await getPartnerPerformance(ctx, { orgId: acme.orgId });
    expect(performance).toMatchObject({ status: "insufficient_data", message: "insufficient data: 0 closed deals on accounts overlapping the partner (minimum 10)" });
  });

  it("sizes the opportunity with each partner from its overlap count, or from a given count", async () => {
    const { acme } = await seed(ctx);
    const rates = { introToDemo: 0.5, demoToDeal: 0.5, dealSize: 1000 };
    expect(await estimatePartnerOpportunity(ctx, { orgId: acme.orgId, ...rates })).toMatchObject([
      { partnerName: "Globex", overlaps: 2, demos: 1, deals: 0, pipeline: 0 },
    ]);
    expect(await estimatePartnerOpportunity(ctx, { orgId: acme.orgId, overlaps: 10, ...rates })).toEqual([
      { overlaps: 10, demos: 5, deals: 2, pipeline: 2000 },
    ]);
  });
});
