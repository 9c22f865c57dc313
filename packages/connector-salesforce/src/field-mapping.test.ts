import { AccountSchema, OpportunitySchema, type Opportunity } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_FIELD_MAPPING, opportunityFields, toAccount, toOpportunity } from "./field-mapping.ts";
import { toIsoTimestamp } from "./checkpoint.ts";

const reader = (record: Record<string, unknown>) => (path: string) => record[path] ?? null;
const mapping = { ...DEFAULT_FIELD_MAPPING, account: { ...DEFAULT_FIELD_MAPPING.account, icpScore: "ICP__c", tier: "Tier__c" } };

describe("toAccount", () => {
  it("maps fields, status rules, custom fields, and drops values the canonical model rejects", () => {
    const account = toAccount(
      reader({ Id: "001A", Name: "Acme", Website: "www.acme.com", BillingCountry: "France", "Owner.Email": "Rep@Example.com", ICP__c: "87", Tier__c: "Gold", Type: "customer - direct", Industry: "Retail", Phone: "" }),
      mapping,
    );
    expect(account).toEqual({
      id: "001A",
      name: "Acme",
      website: "www.acme.com",
      country: "France",
      ownerEmail: "rep@example.com",
      icpScore: 87,
      tier: "Gold",
      status: "customer",
      custom: { Industry: "Retail", Type: "customer - direct" },
    });
    expect(AccountSchema.safeParse(account).success).toBe(true);
    const odd = toAccount(reader({ Id: "001B", Name: "B", "Owner.Email": "not-an-email", ICP__c: "140" }), mapping);
    expect(odd).toEqual({ id: "001B", name: "B", status: "prospect", custom: {} });
  });
});

describe("toOpportunity", () => {
  it("maps a won opportunity to a valid canonical one", () => {
    const opp = toOpportunity(
      reader({ Id: "006A", AccountId: "001A", Name: "Deal", StageName: "Closed Won", Amount: "1200.5", CurrencyIsoCode: "eur", CreatedDate: "2026-01-02T03:04:05.000+0000", CloseDate: "2026-02-01", IsClosed: "true", IsWon: true }),
      DEFAULT_FIELD_MAPPING,
      toIsoTimestamp,
    );
    expect(opp).toEqual({ id: "006A", accountId: "001A", name: "Deal", stage: "Closed Won", amount: 1200.5, currency: "EUR", createdAt: "2026-01-02T03:04:05.000Z", closeDate: "2026-02-01", isClosed: true, isWon: true });
    expect(OpportunitySchema.safeParse(opp).success).toBe(true);
  });

  it.each([
    { name: "standard LeadSource picklist value", record: { LeadSource: "Partner Referral" }, mapping: DEFAULT_FIELD_MAPPING, expected: "Partner Referral" },
    { name: "blank LeadSource left out", record: { LeadSource: "  " }, mapping: DEFAULT_FIELD_MAPPING, expected: undefined },
    { name: "null LeadSource left out", record: { LeadSource: null }, mapping: DEFAULT_FIELD_MAPPING, expected: undefined },
    {
      name: "a custom field mapped instead",
      record: { LeadSource: "Web", Partner_Source__c: "Channel" },
      mapping: { ...DEFAULT_FIELD_MAPPING, opportunity: { ...DEFAULT_FIELD_MAPPING.opportunity, leadSource: "Partner_Source__c" } },
      expected: "Channel",
    },
  ])("lead source: $name", ({ record, mapping: fieldMapping, expected }) => {
    const opp = toOpportunity(reader({ Id: "006C", AccountId: "001A", StageName: "Prospecting", ...record }), fieldMapping, toIsoTimestamp);
    expect(opp).toMatchObject({ id: "006C" });
    expect((opp as Opportunity).leadSource).toBe(expected);
    expect(OpportunitySchema.safeParse(opp).success).toBe(true);
  });

  it("queries the mapped lead source field (none when unmapped)", () => {
    expect(opportunityFields(DEFAULT_FIELD_MAPPING)).toContain("LeadSource");
    const unmapped = { ...DEFAULT_FIELD_MAPPING, opportunity: { ...DEFAULT_FIELD_MAPPING.opportunity, leadSource: undefined } };
    expect(opportunityFields(unmapped)).not.toContain("LeadSource");
  });

  it("rejects an opportunity without an account, saying why", () => {
    expect(toOpportunity(reader({ Id: "006B", Name: "Orphan" }), DEFAULT_FIELD_MAPPING, toIsoTimestamp)).toEqual({ rejected: "opportunity has no AccountId" });
  });
});
