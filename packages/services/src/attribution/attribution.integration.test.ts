import type { Opportunity } from "@mutual/core";
import {
  accounts,
  listDisclosureEvents,
  listOverlapPeriods,
  listPartners,
  opportunities,
  softDeleteAccounts,
  upsertAccounts,
  upsertExchangeRates,
  upsertOpportunities,
} from "@mutual/db";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { company, partner, seedOrg, shareAll, useServiceContext, type TestOrg } from "../internal/test-setup.ts";
import { recomputeOverlaps } from "../overlaps/recompute-overlaps.ts";
import { createOfflinePartner } from "../partners/create-offline-partner.ts";
import { getAttributionReport } from "./get-attribution-report.ts";
import { getOpportunityAttribution } from "./get-opportunity-attribution.ts";
import { getOpportunityTag } from "./get-opportunity-tag.ts";
import { listReviewQueue } from "./list-review-queue.ts";
import { overrideAttribution } from "./override-attribution.ts";
import { recomputeAttribution } from "./recompute-attribution.ts";
import { recordEngagement } from "./record-engagement.ts";
import { recordReferral } from "./record-referral.ts";
import { setOpportunityTag } from "./set-opportunity-tag.ts";

const DAY1 = new Date("2026-11-20T10:00:00.000Z");
const DAY2 = new Date("2026-12-01T10:00:00.000Z");

function deal(id: string, accountId: string, extra: Partial<Opportunity> = {}): Opportunity {
  return { id, accountId, name: id, stage: "Open", isClosed: false, isWon: false, amount: 1000, currency: "USD", createdAt: "2026-11-01", ...extra };
}

function idOf(ctx: ServiceContext, orgId: string, sourceId: string): string {
  return ctx.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.orgId, orgId), eq(accounts.sourceId, sourceId))).get()!.id;
}

function oppIdOf(ctx: ServiceContext, orgId: string, sourceId: string): string {
  return ctx.db
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(and(eq(opportunities.orgId, orgId), eq(opportunities.sourceId, sourceId)))
    .get()!.id;
}

/** Acme (mine) and Globex (partner sharing its lists at `overlaps` with name and tier). */
async function seedPartnership(ctx: ServiceContext, acmeOpps: Opportunity[]) {
  const acme = await seedOrg(
    ctx,
    "Acme",
    [company("a1", "Initech", { icpScore: 90 }), company("a2", "Hooli", { icpScore: 80 }), company("a3", "Stark Industries", { icpScore: 75 })],
    acmeOpps,
  );
  const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech", { status: "customer", tier: "Gold" })]);
  await shareAll(ctx, globex, "overlaps", ["name", "tier"]);
  await partner(ctx, acme, globex);
  const globexPartnerId = (await listPartners(ctx.db, acme.orgId)).find((p) => p.name === "Globex")!.id;
  return { acme, globex, globexPartnerId };
}

async function engage(ctx: ServiceContext, acme: TestOrg, partnerId: string, accountSourceId: string, at: string) {
  await recordEngagement(ctx, { orgId: acme.orgId, partnerId, accountId: idOf(ctx, acme.orgId, accountSourceId), kind: "intro_request", at });
}

describe("recomputeAttribution (integration: sharing read path -> overlap history -> attribution, tags, review queue)", () => {
  const ctx = useServiceContext();

  it("re-attributes and re-tags after a sync changes overlaps", async () => {
    const { acme, globex, globexPartnerId } = await seedPartnership(ctx, [
      deal("o1", "a1"),
      deal("o2", "a2", { createdAt: "2026-11-25" }),
    ]);
    await engage(ctx, acme, globexPartnerId, "a1", "2026-11-10");
    await engage(ctx, acme, globexPartnerId, "a2", "2026-11-28");

    const first = await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY1 });
    expect(first).toMatchObject({ opportunities: 2, credited: 1, tags: 1, overlapPeriods: { opened: 1, closed: 0 } });
    const o1 = oppIdOf(ctx, acme.orgId, "o1");
    const o2 = oppIdOf(ctx, acme.orgId, "o2");
    const attribution = await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId: o1 });
    expect(attribution.credits).toMatchObject([{ partnerId: globexPartnerId, kind: "influenced", share: { minor: 100000, currency: "USD" } }]);
    expect(attribution.credits[0]!.evidence.join("\n")).toContain("account was in Globex's customers from 2026-11-20");
    expect((await getOpportunityTag(ctx, { orgId: acme.orgId, opportunityId: o1 })).tag).toMatchObject({
      partnerId: globexPartnerId,
      partnerName: "Globex",
      origin: "computed",
      assignedAt: "2026-11-20",
    });
    expect((await getOpportunityTag(ctx, { orgId: acme.orgId, opportunityId: o2 })).tag).toBeNull();

    // The sync: Globex gains Hooli as a customer and loses Initech; overlaps are recomputed.
    await upsertAccounts(ctx.db, globex.orgId, "csv", [company("g2", "Hooli", { status: "customer" })], { now: DAY2 });
    await softDeleteAccounts(ctx.db, globex.orgId, "csv", ["g1"], { now: DAY2 });
    await recomputeOverlaps({ ...ctx, now: () => DAY2 }, { orgId: globex.orgId });
    const second = await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY2 });
    expect(second.overlapPeriods).toEqual({ opened: 1, closed: 1 });

    const a1 = idOf(ctx, acme.orgId, "a1");
    const a2 = idOf(ctx, acme.orgId, "a2");
    expect(await listOverlapPeriods(ctx.db, acme.orgId)).toEqual([
      { partnerId: globexPartnerId, accountId: a1, partnerPopulation: "customers", from: "2026-11-20", to: "2026-12-01" },
      { partnerId: globexPartnerId, accountId: a2, partnerPopulation: "customers", from: "2026-12-01" },
    ]);
    // o1 keeps its influence (it overlapped while open); o2 is newly influenced and tagged.
    expect((await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId: o1 })).credits).toHaveLength(1);
    expect((await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId: o2 })).credits).toMatchObject([
      { partnerId: globexPartnerId, kind: "influenced" },
    ]);
    expect((await getOpportunityTag(ctx, { orgId: acme.orgId, opportunityId: o2 })).tag).toMatchObject({ partnerId: globexPartnerId, assignedAt: "2026-12-01" });
    // The unchanged tag keeps its assigned date.
    expect((await getOpportunityTag(ctx, { orgId: acme.orgId, opportunityId: o1 })).tag).toMatchObject({ assignedAt: "2026-11-20" });
  });

  it("uses nothing a partner does not share: counts only gives no overlap, so no influence", async () => {
    const { acme, globex, globexPartnerId } = await seedPartnership(ctx, [deal("o1", "a1")]);
    await shareAll(ctx, globex, "counts");
    await engage(ctx, acme, globexPartnerId, "a1", "2026-11-10");
    const result = await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY1 });
    expect(result).toMatchObject({ credited: 0, tags: 0, overlapPeriods: { opened: 0 } });
  });

  it("reads partner data through the audited sharing read path", async () => {
    const { acme, globex } = await seedPartnership(ctx, [deal("o1", "a1")]);
    await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY1, channel: "crm_push" });
    const [event] = await listDisclosureEvents(ctx.db, globex.orgId, { viewerOrgId: acme.orgId });
    expect(event).toMatchObject({ channel: "crm_push", records: [{ fields: ["name", "tier"] }] });
  });

  it("reports sourced and influenced pipeline and revenue per partner and period", async () => {
    const { acme, globexPartnerId } = await seedPartnership(ctx, [
      // Sourced by the partner field (name of the partner in the CRM).
      deal("won-oct", "a2", { isClosed: true, isWon: true, stage: "Won", amount: 500, createdAt: "2026-08-01", closeDate: "2026-10-05", partnerId: "Globex" }),
      deal("won-dec", "a2", { isClosed: true, isWon: true, stage: "Won", amount: 700, createdAt: "2026-08-01", closeDate: "2026-12-05", partnerId: "Globex" }),
      // Sourced by a referral accepted 30 days before creation.
      deal("open-nov", "a3", { amount: 300, createdAt: "2026-11-15" }),
      deal("lost", "a3", { isClosed: true, isWon: false, stage: "Lost", amount: 900, createdAt: "2026-11-01", closeDate: "2026-11-10" }),
    ]);
    await recordReferral(ctx, { orgId: acme.orgId, partnerId: globexPartnerId, accountId: idOf(ctx, acme.orgId, "a3"), kind: "referral", acceptedAt: "2026-10-16" });
    await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY2 });

    const monthly = await getAttributionReport(ctx, { orgId: acme.orgId, period: "month" });
    expect(monthly.rows.map((r) => [r.period, r.sourcedPipelineMinor, r.sourcedRevenueMinor, r.partnerName])).toEqual([
      ["2026-10", 0, 50000, "Globex"],
      ["2026-11", 30000, 0, "Globex"],
      ["2026-12", 0, 70000, "Globex"],
    ]);
    const quarterly = await getAttributionReport(ctx, { orgId: acme.orgId, period: "quarter" });
    expect(quarterly.rows).toMatchObject([{ period: "2026-Q4", sourcedPipelineMinor: 30000, sourcedRevenueMinor: 120000, currency: "USD" }]);
    const november = await getAttributionReport(ctx, { orgId: acme.orgId, period: "month", from: "2026-11-01", to: "2026-11-30" });
    expect(november.rows.map((r) => r.period)).toEqual(["2026-11"]);
  });

  it("flags a missing exchange rate instead of guessing, and converts once the rate is supplied", async () => {
    const { acme, globexPartnerId } = await seedPartnership(ctx, [
      deal("eur", "a2", { isClosed: true, isWon: true, currency: "EUR", amount: 100, closeDate: "2026-10-05", partnerId: "Globex" }),
    ]);
    const result = await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY1 });
    expect(result.flagged).toBe(1);
    const opportunityId = oppIdOf(ctx, acme.orgId, "eur");
    const flagged = await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId });
    expect(flagged).toMatchObject({ converted: null, flags: [{ kind: "missing_rate", message: "no EUR->USD rate for 2026-10-05" }] });
    expect((await getAttributionReport(ctx, { orgId: acme.orgId })).excluded).toEqual([
      { opportunityId, partnerId: globexPartnerId, reason: "no EUR->USD rate for 2026-10-05" },
    ]);

    await upsertExchangeRates(ctx.db, acme.orgId, [{ currency: "EUR", validFrom: "2026-10-01", validTo: "2026-10-31", rate: 1.1 }]);
    await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY1 });
    expect(await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId })).toMatchObject({
      converted: { minor: 11000, currency: "USD" },
      flags: [],
    });
  });

  it("keeps a manual override and a manual tag through recomputes; conflicts go to the review queue", async () => {
    const { acme, globexPartnerId } = await seedPartnership(ctx, [deal("o1", "a2", { partnerId: "Globex", createdAt: "2026-11-01" })]);
    const agency = await createOfflinePartner(ctx, { actorUserId: acme.adminId, name: "Agency" });
    await recordReferral(ctx, { orgId: acme.orgId, partnerId: agency.id, accountId: idOf(ctx, acme.orgId, "a2"), kind: "introduction", acceptedAt: "2026-10-20" });
    await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY1 });
    const opportunityId = oppIdOf(ctx, acme.orgId, "o1");

    const [conflict] = await listReviewQueue(ctx, { orgId: acme.orgId });
    expect(conflict).toMatchObject({ opportunityId, kind: "conflicting_sources", status: "open" });
    expect((await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId })).credits.map((c) => c.share?.minor)).toEqual([50000, 50000]);

    const overridden = await overrideAttribution(ctx, {
      orgId: acme.orgId,
      opportunityId,
      credits: [{ partnerId: agency.id, kind: "sourced" }],
      reason: "Agency made the intro; Globex field was set by mistake",
      by: "partner-manager@acme.test",
    });
    expect(overridden).toMatchObject({ origin: "override", credits: [{ partnerId: agency.id, share: { minor: 100000 } }] });
    expect(await listReviewQueue(ctx, { orgId: acme.orgId })).toEqual([]);
    expect(await listReviewQueue(ctx, { orgId: acme.orgId, status: "resolved" })).toMatchObject([{ id: conflict!.id }]);

    await setOpportunityTag(ctx, { orgId: acme.orgId, opportunityId, partnerId: globexPartnerId, notes: "Globex AE on the call", by: "rep@acme.test" });
    // Several recomputes later (a sync), both decisions still stand.
    await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY2 });
    await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY2 });
    expect(await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId })).toMatchObject({
      origin: "override",
      override: { reason: "Agency made the intro; Globex field was set by mistake" },
    });
    expect((await getOpportunityTag(ctx, { orgId: acme.orgId, opportunityId })).tag).toMatchObject({
      partnerId: globexPartnerId,
      origin: "manual",
      notes: "Globex AE on the call",
    });
    expect(await listReviewQueue(ctx, { orgId: acme.orgId })).toEqual([]);
  });

  it("reads the stored lead source: partner lead source + partner field sources, without a partner it is queued", async () => {
    const { acme, globexPartnerId } = await seedPartnership(ctx, [
      deal("o1", "a1", { leadSource: "Partner Referral", partnerId: "Globex" }),
      deal("o2", "a2", { leadSource: "Channel" }),
    ]);
    await recomputeAttribution(ctx, { orgId: acme.orgId, now: DAY1 });
    const sourced = await getOpportunityAttribution(ctx, { orgId: acme.orgId, opportunityId: oppIdOf(ctx, acme.orgId, "o1") });
    expect(sourced.credits).toMatchObject([{ partnerId: globexPartnerId, kind: "sourced" }]);
    expect(sourced.credits[0]!.evidence).toContain("lead source is 'Partner Referral'");
    expect(await listReviewQueue(ctx, { orgId: acme.orgId })).toMatchObject([
      { opportunityId: oppIdOf(ctx, acme.orgId, "o2"), kind: "partner_source_unclear", status: "open" },
    ]);
  });

  it("refuses records of another org as not found", async () => {
    const { acme, globex, globexPartnerId } = await seedPartnership(ctx, [deal("o1", "a1")]);
    await expect(
      recordEngagement(ctx, { orgId: globex.orgId, partnerId: globexPartnerId, accountId: idOf(ctx, acme.orgId, "a1"), kind: "note", at: "2026-11-01" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(getOpportunityTag(ctx, { orgId: globex.orgId, opportunityId: oppIdOf(ctx, acme.orgId, "o1") })).rejects.toMatchObject({ code: "not_found" });
  });
});
