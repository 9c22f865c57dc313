import { listOverlaps, listPartners } from "@mutual/db";
import { describe, expect, it } from "vitest";
import { company, seedOrg, shareAll, useServiceContext } from "../internal/test-setup.ts";
import { getPartnerOverlapView } from "../reads/get-partner-overlap-view.ts";
import { acceptInvitation } from "./accept-invitation.ts";
import { endPartnership } from "./end-partnership.ts";
import { inviteOrganization } from "./invite-organization.ts";
import { pausePartnership } from "./pause-partnership.ts";
import { resumePartnership } from "./resume-partnership.ts";

describe("partnership lifecycle", () => {
  const ctx = useServiceContext();

  async function setup() {
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech", { status: "customer" }), company("a2", "Hooli")]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech"), company("g2", "Umbrella")]);
    await shareAll(ctx, acme, "overlaps");
    await shareAll(ctx, globex, "overlaps");
    return { acme, globex };
  }

  it("maps nothing until the invited org accepts, then computes overlaps for both sides", async () => {
    const { acme, globex } = await setup();
    const invitation = await inviteOrganization(ctx, { actorUserId: acme.adminId, inviteeOrgId: globex.orgId });
    expect(invitation.status).toBe("invited");
    const before = await getPartnerOverlapView(ctx, { viewer: { userId: acme.adminId }, partner: { orgId: globex.orgId } });
    expect(before).toMatchObject({ populations: [], records: [] });
    expect(await listOverlaps(ctx.db, { orgId: acme.orgId, partnershipId: invitation.id })).toEqual([]);

    // The inviter cannot accept for the other side.
    await expect(acceptInvitation(ctx, { actorUserId: acme.adminId, partnershipId: invitation.id })).rejects.toMatchObject({ code: "forbidden" });
    const accepted = await acceptInvitation(ctx, { actorUserId: globex.adminId, partnershipId: invitation.id });
    expect(accepted).toMatchObject({ status: "active", acceptedAt: "2026-11-20T10:00:00.000Z" });
    expect((await listPartners(ctx.db, acme.orgId)).map((p) => p.name)).toEqual(["Globex"]);
    expect((await listPartners(ctx.db, globex.orgId)).map((p) => p.name)).toEqual(["Acme"]);
    expect(await listOverlaps(ctx.db, { orgId: acme.orgId, partnershipId: invitation.id })).toHaveLength(1);
    expect(await listOverlaps(ctx.db, { orgId: globex.orgId, partnershipId: invitation.id })).toHaveLength(1);

    const view = await getPartnerOverlapView(ctx, { viewer: { userId: acme.adminId }, partner: { orgId: globex.orgId } });
    expect(view.records.map((record) => record.fields)).toEqual([{ name: "Initech", website: "https://www.initech.com" }]);
  });

  it("removes access at once on pause and end, restores it on resume, and never reopens an ended one", async () => {
    const { acme, globex } = await setup();
    const invitation = await inviteOrganization(ctx, { actorUserId: acme.adminId, inviteeOrgId: globex.orgId });
    await acceptInvitation(ctx, { actorUserId: globex.adminId, partnershipId: invitation.id });
    const look = () => getPartnerOverlapView(ctx, { viewer: { userId: globex.adminId }, partner: { orgId: acme.orgId } });
    expect((await look()).records).toHaveLength(1);

    await pausePartnership(ctx, { actorUserId: acme.adminId, partnershipId: invitation.id });
    expect(await look()).toMatchObject({ populations: [], records: [] });
    await resumePartnership(ctx, { actorUserId: globex.adminId, partnershipId: invitation.id });
    expect((await look()).records).toHaveLength(1);

    await endPartnership(ctx, { actorUserId: globex.adminId, partnershipId: invitation.id });
    expect(await look()).toMatchObject({ populations: [], records: [] });
    expect(await listOverlaps(ctx.db, { orgId: acme.orgId, partnershipId: invitation.id })).toEqual([]);
    await expect(resumePartnership(ctx, { actorUserId: acme.adminId, partnershipId: invitation.id })).rejects.toMatchObject({ code: "conflict" });

    // A new invitation is a new partnership, which again needs acceptance.
    const again = await inviteOrganization(ctx, { actorUserId: globex.adminId, inviteeOrgId: acme.orgId });
    expect(await look()).toMatchObject({ records: [] });
    await acceptInvitation(ctx, { actorUserId: acme.adminId, partnershipId: again.id });
    expect((await look()).records).toHaveLength(1);
  });

  it("lets only managers of the two orgs act", async () => {
    const { acme, globex } = await setup();
    const other = await seedOrg(ctx, "Other");
    const invitation = await inviteOrganization(ctx, { actorUserId: acme.adminId, inviteeOrgId: globex.orgId });
    await expect(pausePartnership(ctx, { actorUserId: other.adminId, partnershipId: invitation.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteOrganization(ctx, { actorUserId: acme.adminId, inviteeOrgId: globex.orgId })).rejects.toMatchObject({ code: "conflict" });
    await expect(inviteOrganization(ctx, { actorUserId: acme.adminId, inviteeOrgId: acme.orgId })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(inviteOrganization(ctx, { actorUserId: "nobody", inviteeOrgId: globex.orgId })).rejects.toMatchObject({ code: "unauthorized" });
  });
});
