import { describe, expect, it } from "vitest";
import { T0, useTestDatabase } from "../internal/test-database.ts";
import { createOrganization } from "./organizations.ts";
import { createPartner, getPartner, listPartners } from "./partners.ts";
import { createPartnership } from "./partnerships.ts";

describe("partners repository", () => {
  const ctx = useTestDatabase();

  it("creates org and offline partners and lists them by name for their owner", async () => {
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    const globex = await createPartner(
      ctx.db,
      { id: "p-globex", kind: "org", ownerOrgId: "acme", name: "Globex", partnershipId: "ps-1", partnerOrgId: "globex" },
      { now: T0 },
    );
    const offline = await createPartner(ctx.db, { kind: "offline", ownerOrgId: "acme", name: "Agency X" });
    // The other side of the partnership gets its own partner row.
    await createPartner(ctx.db, { kind: "org", ownerOrgId: "globex", name: "Acme", partnershipId: "ps-1", partnerOrgId: "acme" });

    expect(globex).toEqual({
      kind: "org",
      id: "p-globex",
      ownerOrgId: "acme",
      name: "Globex",
      partnershipId: "ps-1",
      partnerOrgId: "globex",
    });
    expect(offline).toMatchObject({ kind: "offline", ownerOrgId: "acme", name: "Agency X" });
    expect(offline).not.toHaveProperty("partnershipId");
    expect(await getPartner(ctx.db, "p-globex")).toEqual(globex);
    expect((await listPartners(ctx.db, "acme")).map((partner) => partner.name)).toEqual(["Agency X", "Globex"]);
    expect((await listPartners(ctx.db, "globex")).map((partner) => partner.name)).toEqual(["Acme"]);
  });

  it("requires an org partner's partnership to be between the owner and the partner org", async () => {
    await createOrganization(ctx.db, { id: "initech", name: "Initech" });
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    await expect(
      createPartner(ctx.db, { kind: "org", ownerOrgId: "acme", name: "Initech", partnershipId: "ps-1", partnerOrgId: "initech" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      createPartner(ctx.db, { kind: "org", ownerOrgId: "acme", name: "Globex", partnershipId: "missing", partnerOrgId: "globex" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("allows one partner per owner and partnership", async () => {
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    const input = { kind: "org" as const, ownerOrgId: "acme", name: "Globex", partnershipId: "ps-1", partnerOrgId: "globex" };
    await createPartner(ctx.db, input);
    await expect(createPartner(ctx.db, { ...input, name: "Globex again" })).rejects.toMatchObject({ code: "conflict" });
    await expect(getPartner(ctx.db, "missing")).rejects.toMatchObject({ code: "not_found" });
  });
});
