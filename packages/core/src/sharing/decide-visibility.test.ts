import { describe, expect, it } from "vitest";
import type { PartnershipStatus } from "../model/partnership.ts";
import type { SharingRule } from "../model/sharing.ts";
import { decideVisibility, type VisibilityInput } from "./decide-visibility.ts";

const rule = (populationId: string, level: SharingRule["level"], fieldAllowlist = ["name"], partnerOrgId?: string): SharingRule => ({
  populationId,
  level,
  fieldAllowlist,
  ...(partnerOrgId ? { partnerOrgId } : {}),
});

const active = { inviterOrgId: "owner", inviteeOrgId: "viewer", status: "active" as PartnershipStatus };
const base: VisibilityInput = {
  viewerOrgId: "viewer",
  dataOwner: { kind: "org", orgId: "owner" },
  partnership: active,
  sharingRules: [rule("customers", "overlaps", ["name", "website"]), rule("prospects", "counts")],
};

describe("decideVisibility", () => {
  it("grants a partner the org defaults through an active partnership", () => {
    expect(decideVisibility(base)).toEqual({
      ownerOrgId: "owner",
      viewerOrgId: "viewer",
      access: "partner",
      reason: "shared",
      grants: [
        { populationId: "customers", level: "overlaps", fields: ["name", "website"] },
        { populationId: "prospects", level: "counts", fields: ["name"] },
      ],
    });
  });

  it("works whichever side sent the invitation", () => {
    const reversed = { ...base, partnership: { ...active, inviterOrgId: "viewer", inviteeOrgId: "owner" } };
    expect(decideVisibility(reversed).access).toBe("partner");
  });

  it.each<[PartnershipStatus]>([["invited"], ["paused"], ["ended"]])("gives nothing while the partnership is %s", (status) => {
    expect(decideVisibility({ ...base, partnership: { ...active, status } })).toMatchObject({ access: "none", reason: "partnership_not_active", grants: [] });
  });

  it("gives nothing without a partnership, or with one between other orgs", () => {
    const { partnership: _none, ...withoutPartnership } = base;
    expect(decideVisibility(withoutPartnership)).toMatchObject({ access: "none", reason: "no_partnership" });
    expect(decideVisibility({ ...base, partnership: { ...active, inviterOrgId: "someone-else" } })).toMatchObject({ access: "none", reason: "no_partnership" });
  });

  it("lets the owner see everything, offline partners' lists included", () => {
    expect(decideVisibility({ ...base, viewerOrgId: "owner" })).toMatchObject({ access: "owner", grants: [] });
    expect(decideVisibility({ ...base, viewerOrgId: "owner", dataOwner: { kind: "offline_partner", ownerOrgId: "owner", partnerId: "p1" } })).toMatchObject({
      access: "owner",
    });
  });

  it("never shows an offline partner's lists to another org, even with an active partnership and full rules", () => {
    const input = { ...base, dataOwner: { kind: "offline_partner" as const, ownerOrgId: "owner", partnerId: "p1" }, sharingRules: [rule("customers", "full")] };
    expect(decideVisibility(input)).toMatchObject({ access: "none", reason: "offline_partner_data", grants: [] });
  });

  it("applies the override for this viewer over the default, and ignores other partners' overrides", () => {
    const sharingRules = [
      rule("customers", "overlaps"),
      rule("customers", "hidden", ["name"], "viewer"),
      rule("prospects", "counts"),
      rule("prospects", "full", ["name", "country"], "viewer"),
      rule("opportunities", "full", ["name"], "another-partner"),
    ];
    expect(decideVisibility({ ...base, sharingRules }).grants).toEqual([{ populationId: "prospects", level: "full", fields: ["name", "country"] }]);
  });

  it("treats populations without a rule as hidden", () => {
    expect(decideVisibility({ ...base, sharingRules: [] })).toMatchObject({ access: "partner", grants: [] });
  });

  it("resolves conflicting duplicate rules to the most restrictive", () => {
    const sharingRules = [
      rule("customers", "full", ["name", "website"]),
      rule("customers", "overlaps", ["name", "website", "country"]),
      rule("customers", "overlaps", ["website", "country"]),
    ];
    expect(decideVisibility({ ...base, sharingRules }).grants).toEqual([{ populationId: "customers", level: "overlaps", fields: ["website", "country"] }]);
  });
});
