import { AppError, OpportunitySchema } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAPPING, dealPropertiesOf, toOpportunity, validateMapping } from "./mapping.ts";

const deal = { dealname: "Deal", dealstage: "qualifiedtobuy", amount: "500", partner_source: "Partner Referral" };

describe("deal lead source mapping", () => {
  it.each([
    { name: "off by default (HubSpot deals have no standard lead source)", mapping: DEFAULT_MAPPING, properties: deal, expected: undefined },
    { name: "read from the configured property", mapping: { dealLeadSource: "partner_source" }, properties: deal, expected: "Partner Referral" },
    { name: "blank value left out", mapping: { dealLeadSource: "partner_source" }, properties: { ...deal, partner_source: " " }, expected: undefined },
    { name: "null value left out", mapping: { dealLeadSource: "partner_source" }, properties: { ...deal, partner_source: null }, expected: undefined },
  ])("$name", ({ mapping, properties, expected }) => {
    const opportunity = toOpportunity("d1", "c1", properties, mapping);
    expect(opportunity.leadSource).toBe(expected);
    expect("leadSource" in opportunity).toBe(expected !== undefined);
    expect(OpportunitySchema.safeParse(opportunity).success).toBe(true);
  });

  it("requests and validates the configured property", () => {
    expect(dealPropertiesOf()).not.toContain("partner_source");
    const mapping = { ...DEFAULT_MAPPING, dealLeadSource: "partner_source" };
    expect(dealPropertiesOf(mapping)).toContain("partner_source");
    const dealProperties = new Set(dealPropertiesOf());
    const companyProperties = new Set(["name", "domain", "country", "state", "city", "phone", "lifecyclestage", "hs_parent_company_id", "website"]);
    expect(() => validateMapping(mapping, companyProperties, dealProperties)).toThrow(AppError);
    expect(() => validateMapping(mapping, companyProperties, new Set([...dealProperties, "partner_source"]))).not.toThrow();
  });
});
