import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listAccounts, listOverlaps, upsertAccounts } from "@mutual/db";
import { describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { NOW, company, partner, seedOrg, useServiceContext, type TestOrg } from "../internal/test-setup.ts";
import { addMember } from "../organizations/add-member.ts";
import { createOfflinePartner } from "../partners/create-offline-partner.ts";
import { uploadOfflinePartnerAccounts } from "../partners/upload-offline-partner-accounts.ts";
import { pausePartnership } from "../partnerships/pause-partnership.ts";
import { correctMatch, listMatchCorrections, withdrawMatchCorrection } from "./match-corrections.ts";
import { createOverlapMatchSpace } from "./overlap-match-space.ts";
import { recomputeOverlaps } from "./recompute-overlaps.ts";

/** Source ids of our account ids, filled by accountId(). */
const sourceIds = new Map<string, string>();

/** Stored pairs of one org's view of a partnership, by source ids: "mine>partner". */
async function pairs(ctx: ServiceContext, org: TestOrg, partnershipId: string): Promise<string[]> {
  const rows = await listOverlaps(ctx.db, { orgId: org.orgId, partnershipId });
  return rows.map((row) => `${sourceIds.get(row.mineAccountId)}>${sourceIds.get(row.partnerAccountId)}`).sort();
}

/** Our account id of a source id in an org. */
async function accountId(ctx: ServiceContext, org: TestOrg, source: string): Promise<string> {
  const row = (await listAccounts(ctx.db, org.orgId)).find((r) => r.sourceId === source);
  if (!row) throw new Error(`no account ${source}`);
  sourceIds.set(row.id, source);
  return row.id;
}

describe("match corrections", () => {
  const ctx = useServiceContext();

  async function setup() {
    sourceIds.clear();
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech"), company("a2", "Hooli"), company("a3", "Vandelay Industries", { website: "vandelay.com" })]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech"), company("g2", "Hooli"), company("g3", "Vandelay Imports", { website: "vandelayimports.com" })]);
    const partnershipId = await partner(ctx, acme, globex);
    for (const [org, source] of [[acme, "a1"], [acme, "a2"], [acme, "a3"], [globex, "g1"], [globex, "g2"], [globex, "g3"]] as const) await accountId(ctx, org, source);
    return { acme, globex, partnershipId };
  }

  it("a rejection by either side removes the pair from both views; a confirmation adds one; both see the corrections", async () => {
    const { acme, globex, partnershipId } = await setup();
    expect(await pairs(ctx, acme, partnershipId)).toEqual(["a1>g1", "a2>g2"]);

    // Globex (the invitee) rejects Hooli x Hooli and confirms the two Vandelays the engine keeps apart.
    const rejected = await correctMatch(ctx, {
      actorUserId: globex.adminId,
      scope: { partnershipId },
      decision: "never",
      mine: { accountId: await accountId(ctx, globex, "g2") },
      partner: { accountId: await accountId(ctx, acme, "a2") },
      note: "different Hooli",
    });
    expect(rejected).toMatchObject({ decision: "never", byMyOrg: true, note: "different Hooli" });
    await correctMatch(ctx, {
      actorUserId: globex.adminId,
      scope: { partnershipId },
      decision: "always",
      mine: { accountId: await accountId(ctx, globex, "g3") },
      partner: { accountId: await accountId(ctx, acme, "a3") },
    });
    expect(await pairs(ctx, acme, partnershipId)).toEqual(["a1>g1", "a3>g3"]);
    expect(await pairs(ctx, globex, partnershipId)).toEqual(["g1>a1", "g3>a3"]);
    const confirmed = (await listOverlaps(ctx.db, { orgId: acme.orgId, partnershipId })).find((row) => sourceIds.get(row.mineAccountId) === "a3");
    expect(confirmed).toMatchObject({ confidence: 1, evidence: expect.stringContaining("confirmed by override") });

    // Acme sees Globex's corrections from its own side.
    const seen = await listMatchCorrections(ctx, { actorUserId: acme.adminId, scope: { partnershipId } });
    expect(seen).toEqual([
      expect.objectContaining({ decision: "never", byMyOrg: false, mine: { accountId: await accountId(ctx, acme, "a2") }, partner: { accountId: await accountId(ctx, globex, "g2") } }),
      expect.objectContaining({ decision: "always", byMyOrg: false, mine: { accountId: await accountId(ctx, acme, "a3") } }),
    ]);

    // Only the author withdraws; then the engine decides again.
    await expect(withdrawMatchCorrection(ctx, { actorUserId: acme.adminId, correctionId: rejected.id })).rejects.toMatchObject({ code: "not_found" });
    await withdrawMatchCorrection(ctx, { actorUserId: globex.adminId, correctionId: rejected.id });
    expect(await pairs(ctx, acme, partnershipId)).toEqual(["a1>g1", "a2>g2", "a3>g3"]);
  });

  it("a rule by domain holds for accounts added later, and a long-lived match space obeys corrections made elsewhere", async () => {
    const { acme, globex, partnershipId } = await setup();
    const space = createOverlapMatchSpace();
    const worker = { ...ctx, matchSpace: space };
    await recomputeOverlaps(worker, { orgId: acme.orgId });

    // Made in another process (no shared space): the worker's next incremental recompute must obey it.
    await correctMatch(ctx, { actorUserId: acme.adminId, scope: { partnershipId }, decision: "never", mine: {}, partner: { domain: "initech.com" } });
    await upsertAccounts(ctx.db, acme.orgId, "csv", [company("a4", "Initech Labs", { website: "initech.com" })], { now: NOW });
    const [result] = await recomputeOverlaps(worker, { orgId: acme.orgId, changedAccountIds: [await accountId(ctx, acme, "a4")] });
    expect(result!.mode).toBe("full");
    expect(await pairs(ctx, acme, partnershipId)).toEqual(["a2>g2"]);
    expect(await pairs(ctx, globex, partnershipId)).toEqual(["g2>a2"]);
  });

  it("checks roles, parties, partnership status and account ownership", async () => {
    const { acme, globex, partnershipId } = await setup();
    const outsider = await seedOrg(ctx, "Outsider", [company("o1", "Initech")]);
    const rep = await addMember(ctx, { actorUserId: acme.adminId, email: "rep@acme.test", role: "rep" });
    const a1 = await accountId(ctx, acme, "a1");
    const g1 = await accountId(ctx, globex, "g1");
    const correction = { scope: { partnershipId }, decision: "never" as const, mine: { accountId: a1 }, partner: { accountId: g1 } };
    await expect(correctMatch(ctx, { actorUserId: rep.id, ...correction })).rejects.toMatchObject({ code: "forbidden" });
    await expect(correctMatch(ctx, { actorUserId: outsider.adminId, ...correction })).rejects.toMatchObject({ code: "not_found" });
    await expect(listMatchCorrections(ctx, { actorUserId: outsider.adminId, scope: { partnershipId } })).rejects.toMatchObject({ code: "not_found" });
    // Mine and partner swapped: a1 is not one of Globex's accounts.
    await expect(correctMatch(ctx, { actorUserId: globex.adminId, ...correction })).rejects.toMatchObject({ code: "not_found" });
    await expect(correctMatch(ctx, { actorUserId: acme.adminId, ...correction, mine: {}, partner: {} })).rejects.toMatchObject({ code: "invalid_input" });
    expect(await listMatchCorrections(ctx, { actorUserId: rep.id, scope: { partnershipId } })).toEqual([]);
    await pausePartnership(ctx, { actorUserId: acme.adminId, partnershipId });
    await expect(correctMatch(ctx, { actorUserId: acme.adminId, ...correction })).rejects.toMatchObject({ code: "conflict" });
  });

  it("corrects an offline partner's matches, seen by its owner only", async () => {
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech"), company("a2", "Hooli")]);
    const other = await seedOrg(ctx, "Other");
    const offline = await createOfflinePartner(ctx, { actorUserId: acme.adminId, name: "Offline Co" });
    const file = join(mkdtempSync(join(tmpdir(), "mutual-corrections-")), "partner.csv");
    writeFileSync(file, "id,name,website\nx1,Initech,initech.com\nx2,Hooli,hooli.com\n");
    await uploadOfflinePartnerAccounts(ctx, { actorUserId: acme.adminId, partnerId: offline.id, file });
    const scope = { offlinePartnerId: offline.id };
    const before = await listOverlaps(ctx.db, { orgId: acme.orgId, offlinePartnerId: offline.id });
    expect(before).toHaveLength(2);
    await correctMatch(ctx, { actorUserId: acme.adminId, scope, decision: "never", mine: { accountId: before[0]!.mineAccountId }, partner: {} });
    expect(await listOverlaps(ctx.db, { orgId: acme.orgId, offlinePartnerId: offline.id })).toHaveLength(1);
    await expect(listMatchCorrections(ctx, { actorUserId: other.adminId, scope })).rejects.toMatchObject({ code: "not_found" });
  });
});
