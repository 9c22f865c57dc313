import type { PartnershipStatus } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { T0, T1, useTestDatabase } from "../internal/test-database.ts";
import { createOrganization } from "./organizations.ts";
import { changePartnershipStatus, createPartnership, getPartnership, listPartnerships } from "./partnerships.ts";

const T2 = new Date("2026-11-22T10:00:00.000Z");

describe("partnerships repository", () => {
  const ctx = useTestDatabase();

  it("creates an invitation and lists it for both sides", async () => {
    const created = await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" }, { now: T0 });
    expect(created).toEqual({
      id: "ps-1",
      inviterOrgId: "acme",
      inviteeOrgId: "globex",
      status: "invited",
      createdAt: T0.toISOString(),
    });
    expect(await getPartnership(ctx.db, "ps-1")).toEqual(created);
    expect(await listPartnerships(ctx.db, "acme")).toEqual([created]);
    expect(await listPartnerships(ctx.db, "globex")).toEqual([created]);
    await createOrganization(ctx.db, { id: "initech", name: "Initech" });
    expect(await listPartnerships(ctx.db, "initech")).toEqual([]);
  });

  it("walks the lifecycle invited -> active -> paused -> active -> ended with timestamps", async () => {
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" }, { now: T0 });
    const active = await changePartnershipStatus(ctx.db, "ps-1", "active", { now: T1 });
    expect(active).toMatchObject({ status: "active", acceptedAt: T1.toISOString() });
    await changePartnershipStatus(ctx.db, "ps-1", "paused", { now: T1 });
    const resumed = await changePartnershipStatus(ctx.db, "ps-1", "active", { now: T2 });
    expect(resumed.acceptedAt).toBe(T1.toISOString());
    const ended = await changePartnershipStatus(ctx.db, "ps-1", "ended", { now: T2 });
    expect(ended).toMatchObject({ status: "ended", endedAt: T2.toISOString() });
  });

  it.each<[PartnershipStatus[], PartnershipStatus]>([
    [[], "paused"],
    [[], "invited"],
    [["active"], "invited"],
    [["active"], "active"],
    [["active", "paused"], "paused"],
    [["ended"], "active"],
    [["active", "ended"], "paused"],
  ])("rejects an invalid transition after %j to %s with a conflict", async (path, to) => {
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    for (const status of path) await changePartnershipStatus(ctx.db, "ps-1", status);
    const before = await getPartnership(ctx.db, "ps-1");
    await expect(changePartnershipStatus(ctx.db, "ps-1", to)).rejects.toMatchObject({ code: "conflict" });
    expect(await getPartnership(ctx.db, "ps-1")).toEqual(before);
  });

  it("allows one live partnership per pair of orgs, and a new one after the old one ended", async () => {
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    await expect(createPartnership(ctx.db, { inviterOrgId: "globex", inviteeOrgId: "acme" })).rejects.toMatchObject({
      code: "conflict",
    });
    await changePartnershipStatus(ctx.db, "ps-1", "ended");
    const again = await createPartnership(ctx.db, { inviterOrgId: "globex", inviteeOrgId: "acme" });
    expect(again.status).toBe("invited");
  });

  it("rejects self-partnerships, unknown orgs, unknown ids and unknown statuses", async () => {
    await expect(createPartnership(ctx.db, { inviterOrgId: "acme", inviteeOrgId: "acme" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(createPartnership(ctx.db, { inviterOrgId: "acme", inviteeOrgId: "nope" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(changePartnershipStatus(ctx.db, "missing", "active")).rejects.toMatchObject({ code: "not_found" });
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    await expect(changePartnershipStatus(ctx.db, "ps-1", "accepted" as PartnershipStatus)).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
