import { describe, expect, it } from "vitest";
import type { Account } from "../model/account.ts";
import { applySharingPolicy, listDisclosures, type SharingData } from "./apply-sharing-policy.ts";
import type { PopulationGrant, ViewPermission } from "./decide-visibility.ts";

const acct = (id: string, extra: Partial<Account> = {}): Account => ({ id, name: `Co ${id}`, website: `${id}.com`, country: "DE", ...extra });

const data: SharingData = {
  ownerOrgId: "owner",
  populations: [
    { id: "customers", name: "Customers" },
    { id: "prospects", name: "Prospects" },
    { id: "churn", name: "Churn risk" },
  ],
  accounts: [
    { account: acct("a1", { custom: { Industry: "Retail" } }), populationIds: ["customers", "churn"] },
    { account: acct("a2"), populationIds: ["customers"] },
    { account: acct("a3"), populationIds: ["prospects"] },
    { account: acct("a4"), populationIds: ["prospects", "customers"] },
    { account: acct("a5"), populationIds: [] },
  ],
  overlaps: {
    viewerOrgId: "viewer",
    companies: [
      { ownerAccountIds: ["a1", "a2"], viewerAccountIds: ["v1"] },
      { ownerAccountIds: ["a3"], viewerAccountIds: ["v3", "v4"] },
      { ownerAccountIds: ["a5"], viewerAccountIds: ["v5"] },
    ],
  },
};

const partner = (grants: PopulationGrant[]): ViewPermission => ({ ownerOrgId: "owner", viewerOrgId: "viewer", access: "partner", reason: "shared", grants });

describe("applySharingPolicy", () => {
  it("at counts reveals the population name and overlap counts only", () => {
    const view = applySharingPolicy(partner([{ populationId: "customers", level: "counts", fields: ["name", "website"] }]), data);
    expect(view).toEqual({
      ownerOrgId: "owner",
      viewerOrgId: "viewer",
      populations: [{ populationId: "customers", name: "Customers", level: "counts", overlapCompanies: 1, overlapRecords: 2 }],
      records: [],
    });
  });

  it("at overlaps shows only overlapping records, only allowlisted fields, without the id", () => {
    const view = applySharingPolicy(partner([{ populationId: "customers", level: "overlaps", fields: ["name", "Industry", "city"] }]), data);
    expect(view.records).toEqual([
      { fields: { name: "Co a1", Industry: "Retail" }, populationIds: ["customers"], overlapping: true, viewerAccountIds: ["v1"] },
      { fields: { name: "Co a2" }, populationIds: ["customers"], overlapping: true, viewerAccountIds: ["v1"] },
    ]);
  });

  it("at full shows non-overlapping records and the population size too", () => {
    const view = applySharingPolicy(partner([{ populationId: "prospects", level: "full", fields: ["id", "website"] }]), data);
    expect(view.populations).toEqual([{ populationId: "prospects", name: "Prospects", level: "full", overlapCompanies: 1, overlapRecords: 1, totalRecords: 2 }]);
    expect(view.records).toEqual([
      { fields: { id: "a3", website: "a3.com" }, populationIds: ["prospects"], overlapping: true, viewerAccountIds: ["v3", "v4"] },
      { fields: { id: "a4", website: "a4.com" }, populationIds: ["prospects"], overlapping: false, viewerAccountIds: [] },
    ]);
  });

  it("for a record in several populations, unions the fields of the populations that let the record through", () => {
    const view = applySharingPolicy(
      partner([
        { populationId: "customers", level: "overlaps", fields: ["name", "website"] },
        { populationId: "prospects", level: "full", fields: ["country"] },
        { populationId: "churn", level: "counts", fields: ["name", "website", "country", "id"] },
      ]),
      data,
    );
    // a1 overlaps: customers (overlaps) lets it through; churn (counts) adds nothing, not even its id.
    expect(view.records[0]).toEqual({ fields: { name: "Co a1", website: "a1.com" }, populationIds: ["customers"], overlapping: true, viewerAccountIds: ["v1"] });
    // a4 does not overlap: only prospects (full) lets it through, so customers' fields do not apply.
    expect(view.records.at(-1)).toEqual({ fields: { country: "DE" }, populationIds: ["prospects"], overlapping: false, viewerAccountIds: [] });
    expect(view.records).toHaveLength(4);
  });

  it("hides hidden populations entirely and never shows accounts that are in no population", () => {
    const view = applySharingPolicy(partner([{ populationId: "customers", level: "full", fields: ["name"] }]), data);
    expect(view.populations.map((p) => p.populationId)).toEqual(["customers"]);
    expect(view.records.map((r) => r.fields.name)).toEqual(["Co a1", "Co a2", "Co a4"]);
    expect(JSON.stringify(view)).not.toContain("Churn");
  });

  it("shows nothing under a permission with no access", () => {
    const none: ViewPermission = { ownerOrgId: "owner", viewerOrgId: "viewer", access: "none", reason: "partnership_not_active", grants: [] };
    expect(applySharingPolicy(none, data)).toEqual({ ownerOrgId: "owner", viewerOrgId: "viewer", populations: [], records: [] });
  });

  it("shows the owner every record and field of its own data", () => {
    const owner: ViewPermission = { ownerOrgId: "owner", viewerOrgId: "owner", access: "owner", reason: "owner", grants: [] };
    const { overlaps: _other, ...ownData } = data;
    const view = applySharingPolicy(owner, ownData);
    expect(view.records).toHaveLength(5);
    expect(view.records[0]?.fields).toEqual({ id: "a1", name: "Co a1", website: "a1.com", country: "DE", Industry: "Retail" });
    expect(view.populations.map((p) => [p.populationId, p.totalRecords])).toEqual([["customers", 3], ["prospects", 2], ["churn", 1]]);
  });

  it("refuses data of another org or overlaps computed against another viewer", () => {
    const permission = partner([]);
    expect(() => applySharingPolicy(permission, { ...data, ownerOrgId: "someone" })).toThrowError(expect.objectContaining({ code: "invalid_input" }));
    expect(() => applySharingPolicy(permission, { ...data, overlaps: { viewerOrgId: "other-partner", companies: [] } })).toThrowError(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });
});

describe("listDisclosures", () => {
  it("names each disclosed owner account with the fields shown, for the audit log", () => {
    const permission = partner([{ populationId: "customers", level: "overlaps", fields: ["name"] }]);
    expect(listDisclosures(permission, data)).toEqual([
      { accountId: "a1", fields: ["name"], populationIds: ["customers"] },
      { accountId: "a2", fields: ["name"], populationIds: ["customers"] },
    ]);
  });

  it("records nothing when the owner looks at its own data", () => {
    const owner: ViewPermission = { ownerOrgId: "owner", viewerOrgId: "owner", access: "owner", reason: "owner", grants: [] };
    expect(listDisclosures(owner, { ...data, overlaps: undefined })).toEqual([]);
  });
});
