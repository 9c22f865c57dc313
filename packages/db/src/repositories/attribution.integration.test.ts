import type { OpportunityAttribution } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { T0, T1, useTestDatabase } from "../internal/test-database.ts";
import { upsertAccounts } from "./accounts.ts";
import { createApiToken, findApiToken, hashApiToken, revokeApiToken } from "./api-tokens.ts";
import { listAttributionOverrides, recordAttributionOverride } from "./attribution-overrides.ts";
import { listReviewItems, resolveReviewItem, syncReviewItems } from "./attribution-review-items.ts";
import { getCosellSettings, setCosellSettings } from "./cosell-settings.ts";
import { listExchangeRates, upsertExchangeRates } from "./exchange-rates.ts";
import { getAttribution, listAttributions, replaceAttributions } from "./opportunity-attributions.ts";
import { upsertOpportunities } from "./opportunities.ts";
import { listEngagements, recordEngagement } from "./partner-engagements.ts";
import { listOverlapPeriods, syncOverlapPeriods } from "./partner-overlap-periods.ts";
import { clearManualPartnerTag, listManualPartnerTags, setManualPartnerTag } from "./partner-tags.ts";
import { createPartner } from "./partners.ts";
import { accounts, opportunities } from "../schema/index.ts";

describe("issue 8 repositories (co-sell settings, rates, engagements, attribution, review queue, tags, tokens)", () => {
  const ctx = useTestDatabase();

  async function seed() {
    await upsertAccounts(ctx.db, "acme", "csv", [{ id: "a1", name: "Initech" }], { now: T0 });
    await upsertOpportunities(ctx.db, "acme", "csv", [{ id: "o1", accountId: "a1", name: "Deal", stage: "Won", isClosed: false, isWon: false }], { now: T0 });
    const partner = await createPartner(ctx.db, { id: "p1", kind: "offline", ownerOrgId: "acme", name: "Agency" });
    const [account] = await ctx.db.select().from(accounts);
    const [opportunity] = await ctx.db.select().from(opportunities);
    return { partnerId: partner.id, accountId: account!.id, opportunityId: opportunity!.id };
  }

  it("returns default co-sell settings until some are saved, then the saved ones with defaults filled in", async () => {
    const defaults = await getCosellSettings(ctx.db, "acme");
    expect(defaults.cosell.weights).toEqual({ customer: 0.35, opps: 0.45, tier: 0.2 });
    expect(defaults.attribution).toMatchObject({ sourcedWindowDays: 90, influenceLookbackDays: 30, influenceMode: "engaged", split: "equal" });
    await setCosellSettings(ctx.db, "acme", { cosell: { minIcp: 50 }, attribution: { split: "weighted" } }, { now: T0 });
    const saved = await getCosellSettings(ctx.db, "acme");
    expect(saved.cosell.minIcp).toBe(50);
    expect(saved.cosell.tiers).toEqual({ Platinum: 3, Gold: 2, Silver: 1 });
    expect(saved.attribution.split).toBe("weighted");
    await expect(setCosellSettings(ctx.db, "acme", { cosell: { minIcp: 120 } })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("upserts exchange rates per currency and period", async () => {
    await upsertExchangeRates(ctx.db, "acme", [{ currency: "eur", validFrom: "2026-01-01", validTo: "2026-01-31", rate: 1.1 }]);
    await upsertExchangeRates(ctx.db, "acme", [{ currency: "EUR", validFrom: "2026-01-01", validTo: "2026-01-31", rate: 1.2 }]);
    expect(await listExchangeRates(ctx.db, "acme")).toEqual([{ currency: "EUR", validFrom: "2026-01-01", validTo: "2026-01-31", rate: 1.2 }]);
    expect(await listExchangeRates(ctx.db, "globex")).toEqual([]);
  });

  it("records engagements and opens/closes overlap periods as overlaps change", async () => {
    const { partnerId, accountId } = await seed();
    await recordEngagement(ctx.db, "acme", { id: "e1", partnerId, accountId, kind: "note", at: "2026-03-01", note: "call" });
    expect(await listEngagements(ctx.db, "acme")).toMatchObject([{ id: "e1", kind: "note", note: "call" }]);
    const current = [{ partnerId, accountId, partnerPopulation: "customers" }];
    expect(await syncOverlapPeriods(ctx.db, "acme", [partnerId], current, "2026-03-01")).toEqual({ opened: 1, closed: 0 });
    expect(await syncOverlapPeriods(ctx.db, "acme", [partnerId], current, "2026-03-02")).toEqual({ opened: 0, closed: 0 });
    expect(await syncOverlapPeriods(ctx.db, "acme", [partnerId], [], "2026-04-01")).toEqual({ opened: 0, closed: 1 });
    expect(await listOverlapPeriods(ctx.db, "acme")).toEqual([
      { partnerId, accountId, partnerPopulation: "customers", from: "2026-03-01", to: "2026-04-01" },
    ]);
  });

  it("stores attributions, overrides, review items and manual tags", async () => {
    const { partnerId, accountId, opportunityId } = await seed();
    const attribution: OpportunityAttribution = {
      opportunityId,
      accountId,
      state: "open",
      createdAt: "2026-03-01",
      closeDate: undefined,
      amount: { minor: 100_00, currency: "EUR" },
      converted: null,
      credits: [{ partnerId, kind: "sourced", signals: [], evidence: ["why"], share: null }],
      evidence: [],
      flags: [{ kind: "missing_rate", message: "no EUR->USD rate for 2026-03-01" }],
      origin: "computed",
      override: undefined,
      review: [],
    };
    await replaceAttributions(ctx.db, "acme", [attribution], { now: T0 });
    expect(await getAttribution(ctx.db, "acme", opportunityId)).toMatchObject({ amount: { minor: 10000 }, converted: null, flags: [{ kind: "missing_rate" }] });
    expect(await listAttributions(ctx.db, "acme", { flaggedOnly: true })).toHaveLength(1);
    await expect(getAttribution(ctx.db, "globex", opportunityId)).rejects.toMatchObject({ code: "not_found" });

    await recordAttributionOverride(ctx.db, "acme", { opportunityId, credits: [], reason: "direct deal", by: "u1", at: T0.toISOString() });
    await expect(recordAttributionOverride(ctx.db, "acme", { opportunityId, credits: [], reason: " ", by: "u1", at: T0.toISOString() })).rejects.toMatchObject({ code: "invalid_input" });
    expect(await listAttributionOverrides(ctx.db, "acme")).toMatchObject([{ reason: "direct deal" }]);

    const item = { opportunityId, kind: "conflicting_sources" as const, partnerIds: [partnerId], message: "m" };
    expect(await syncReviewItems(ctx.db, "acme", [item], { now: T0 })).toEqual({ opened: 1, removed: 0 });
    const [open] = await listReviewItems(ctx.db, "acme", { status: "open" });
    await resolveReviewItem(ctx.db, "acme", open!.id, { status: "dismissed", resolution: "fine", by: "u1" }, { now: T1 });
    await expect(resolveReviewItem(ctx.db, "acme", open!.id, { status: "resolved", resolution: "x", by: "u1" })).rejects.toMatchObject({ code: "conflict" });
    // Still detected: stays dismissed; no longer detected and settled: kept as history.
    expect(await syncReviewItems(ctx.db, "acme", [item], { now: T1 })).toEqual({ opened: 0, removed: 0 });
    expect(await syncReviewItems(ctx.db, "acme", [], { now: T1 })).toEqual({ opened: 0, removed: 0 });
    expect(await listReviewItems(ctx.db, "acme")).toMatchObject([{ status: "dismissed", resolution: "fine" }]);

    await setManualPartnerTag(ctx.db, "acme", { opportunityId, partnerId, assignedAt: "2026-03-02", by: "u1" });
    expect(await listManualPartnerTags(ctx.db, "acme")).toEqual([{ opportunityId, partnerId, assignedAt: "2026-03-02", by: "u1" }]);
    expect(await clearManualPartnerTag(ctx.db, "acme", opportunityId)).toBe(true);
    expect(await listManualPartnerTags(ctx.db, "acme")).toEqual([]);
  });

  it("stores API tokens hashed and finds the org of a live token only", async () => {
    const created = await createApiToken(ctx.db, { orgId: "acme", name: "ci" }, { now: T0 });
    expect(hashApiToken(created.token)).toMatch(/^[0-9a-f]{64}$/);
    expect(await findApiToken(ctx.db, created.token)).toEqual({ id: created.id, orgId: "acme", name: "ci" });
    expect(await findApiToken(ctx.db, "mut_wrong")).toBeUndefined();
    expect(await revokeApiToken(ctx.db, created.id)).toBe(true);
    expect(await findApiToken(ctx.db, created.token)).toBeUndefined();
  });
});
