import { describe, expect, it } from "vitest";
import {
  AccountSchema,
  OpportunitySchema,
  OrganizationSchema,
  OverlapSchema,
  PartnerSchema,
  PartnershipSchema,
  PopulationSchema,
  SharingRuleSchema,
} from "../index.ts";

describe("AccountSchema", () => {
  it("accepts a full account and trims text", () => {
    const account = AccountSchema.parse({
      id: " 001 ",
      name: "Acme",
      website: "acme.com",
      status: "customer",
      ownerEmail: "ann@acme.com",
      icpScore: 72.5,
      custom: { Industry: "Manufacturing" },
    });
    expect(account).toMatchObject({ id: "001", icpScore: 72.5, custom: { Industry: "Manufacturing" } });
  });

  it.each([
    [{ id: "", name: "x" }, "id"],
    [{ id: "1", name: "   " }, "name"],
    [{ id: "1", name: "x", status: "partner" }, "status"],
    [{ id: "1", name: "x", icpScore: 101 }, "icpScore"],
    [{ id: "1", name: "x", icpScore: -1 }, "icpScore"],
    [{ id: "1", name: "x", ownerEmail: "nope" }, "ownerEmail"],
  ])("rejects %j at %s", (input, path) => {
    const result = AccountSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([path]);
  });
});

describe("OpportunitySchema", () => {
  const base = { id: "o1", accountId: "a1", name: "Deal", stage: "Closed Won", isClosed: true, isWon: true };

  it("upper-cases currency codes and accepts dates or timestamps", () => {
    const opp = OpportunitySchema.parse({ ...base, currency: "eur", amount: 10, createdAt: "2024-01-01", closeDate: "2024-02-01T10:00:00Z" });
    expect(opp.currency).toBe("EUR");
  });

  it.each([
    [{ ...base, isClosed: false }, "isWon"],
    [{ ...base, currency: "EURO" }, "currency"],
    [{ ...base, amount: -5 }, "amount"],
    [{ ...base, amount: Number.POSITIVE_INFINITY }, "amount"],
    [{ ...base, closeDate: "31/12/2024" }, "closeDate"],
  ])("rejects %j at %s", (input, path) => {
    const result = OpportunitySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([path]);
  });
});

describe("organization, population, sharing, partnership, overlap", () => {
  it("defaults the org currency to USD", () => {
    expect(OrganizationSchema.parse({ id: "o", name: "Org", createdAt: "2026-01-01T00:00:00Z" }).currency).toBe("USD");
  });

  it("accepts nested population filters and rejects fields outside account/opportunity", () => {
    const filter = {
      and: [
        { field: "account.country", op: "in", value: ["DE", "FR"] },
        { or: [{ field: "opportunity.amount", op: "greater", value: 1000 }, { field: "account.tier", op: "empty" }] },
      ],
    };
    expect(PopulationSchema.parse({ id: "p", orgId: "o", name: "EMEA", filter }).filter).toEqual(filter);
    expect(PopulationSchema.safeParse({ id: "p", orgId: "o", name: "x", filter: { field: "user.password", op: "empty" } }).success).toBe(false);
    expect(PopulationSchema.safeParse({ id: "p", orgId: "o", name: "x", filter: { and: [] } }).success).toBe(false);
  });

  it("defaults the sharing field allowlist to name and website", () => {
    expect(SharingRuleSchema.parse({ populationId: "p", level: "overlaps" }).fieldAllowlist).toEqual(["name", "website"]);
    expect(SharingRuleSchema.safeParse({ populationId: "p", level: "everything" }).success).toBe(false);
  });

  it("distinguishes org partners from offline partners", () => {
    expect(PartnerSchema.parse({ kind: "offline", id: "x", ownerOrgId: "o", name: "Offline Co" }).kind).toBe("offline");
    expect(PartnerSchema.safeParse({ kind: "org", id: "x", ownerOrgId: "o", name: "Co" }).success).toBe(false);
    expect(
      PartnershipSchema.safeParse({ id: "p", inviterOrgId: "a", inviteeOrgId: "b", status: "active", createdAt: "2026-01-01T00:00:00Z" }).success,
    ).toBe(true);
  });

  it("bounds overlap confidence to [0, 1]", () => {
    const overlap = { mineAccountId: "a", partnerAccountId: "b", relation: "same_account", evidence: "same domain", minePopulations: [], partnerPopulations: [] };
    expect(OverlapSchema.safeParse({ ...overlap, confidence: 1 }).success).toBe(true);
    expect(OverlapSchema.safeParse({ ...overlap, confidence: 1.01 }).success).toBe(false);
  });
});
