import { registrableDomain } from "@mutual/core";
import { describe, expect, it } from "vitest";
import {
  generateAccount,
  generateAccounts,
  generateOpportunities,
  generateOwners,
} from "./generate-org.ts";

describe("generateAccounts", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = [...generateAccounts({ seed: 7, accounts: 50 })];
    const b = [...generateAccounts({ seed: 7, accounts: 50 })];
    const c = [...generateAccounts({ seed: 8, accounts: 50 })];
    expect(a).toEqual(b);
    expect(a.map((x) => x.countryCode)).not.toEqual(c.map((x) => x.countryCode));
  });

  it("gives every account a unique name and domain, even past the word-pair range", () => {
    const accounts = [...generateAccounts({ seed: 1, accounts: 5000 })];
    expect(new Set(accounts.map((a) => a.domain)).size).toBe(5000);
    expect(new Set(accounts.map((a) => a.name.replace(/ (Inc\.|LLC|Corp\.|Ltd|plc|GmbH|AG|SAS|SA|Ltd\.|Pty Ltd|B\.V\.|K\.K\.|Ltda\.|S\.A\.|Pvt Ltd)$/, ""))).size).toBe(5000);
  });

  it("adds website noise that still resolves to the clean domain", () => {
    const accounts = [...generateAccounts({ seed: 3, accounts: 2000 })];
    const websites = accounts.map((a) => a.website);
    expect(websites.some((w) => w === undefined)).toBe(true);
    expect(websites.some((w) => w?.startsWith("www."))).toBe(true);
    expect(websites.some((w) => w?.includes("/en/home"))).toBe(true);
    expect(websites.some((w) => w !== undefined && /[A-Z]/.test(w))).toBe(true);
    for (const account of accounts) {
      if (account.website) expect(registrableDomain(account.website)).toBe(account.domain.toLowerCase());
    }
  });

  it("allows random access that matches the stream", () => {
    const streamed = [...generateAccounts({ seed: 5, accounts: 30 })];
    expect(generateAccount({ seed: 5, accounts: 30 }, 17)).toEqual(streamed[17]);
  });
});

describe("generateOpportunities", () => {
  it("links each opportunity to an existing account with consistent stage and outcome", () => {
    const options = { seed: 11, accounts: 200, opportunities: 1000 };
    const opps = [...generateOpportunities(options)];
    expect(opps).toHaveLength(1000);
    for (const opp of opps) {
      expect(opp.accountIndex).toBeGreaterThanOrEqual(0);
      expect(opp.accountIndex).toBeLessThan(200);
      if (opp.isWon) expect(opp.isClosed).toBe(true);
      if (opp.isClosed) expect(["Closed Won", "Closed Lost"]).toContain(opp.stage);
      else expect(opp.stage).not.toMatch(/^Closed/);
      expect(opp.closeDate >= opp.createdAt.slice(0, 10)).toBe(true);
    }
    expect(opps.some((o) => o.isWon)).toBe(true);
    expect(opps.some((o) => o.isClosed && !o.isWon)).toBe(true);
    expect(opps.some((o) => !o.isClosed)).toBe(true);
    expect(new Set(opps.map((o) => o.currency)).size).toBeGreaterThan(2);
  });

  it("fills the standard lead source on some deals only, partner referrals among them", () => {
    const opps = [...generateOpportunities({ seed: 11, accounts: 200, opportunities: 1000 })];
    const sources = opps.map((o) => o.leadSource);
    expect(sources.some((s) => s === undefined)).toBe(true);
    expect(sources.some((s) => s === "Partner Referral")).toBe(true);
    expect(new Set(sources.filter((s) => s !== undefined))).toEqual(new Set(["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"]));
  });

  it("defaults to two opportunities per account", () => {
    expect([...generateOpportunities({ accounts: 40 })]).toHaveLength(80);
  });
});

describe("generateOwners", () => {
  it("creates distinct e-mail addresses", () => {
    const owners = generateOwners({ accounts: 10_000 });
    expect(owners).toHaveLength(20);
    expect(new Set(owners.map((o) => o.email)).size).toBe(20);
  });
});
