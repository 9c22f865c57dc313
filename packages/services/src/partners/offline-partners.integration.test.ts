import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listAccounts } from "@mutual/db";
import { describe, expect, it } from "vitest";
import { company, partner, seedOrg, shareAll, useServiceContext } from "../internal/test-setup.ts";
import { exportOverlapsCsv } from "../reads/export-overlaps-csv.ts";
import { getPartnerOverlapView } from "../reads/get-partner-overlap-view.ts";
import { listDisclosures } from "../reads/list-disclosures.ts";
import { createOfflinePartner } from "./create-offline-partner.ts";
import { uploadOfflinePartnerAccounts } from "./upload-offline-partner-accounts.ts";

function writeCsv(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "mutual-offline-")), "partner.csv");
  writeFileSync(file, content);
  return file;
}

describe("offline partners", () => {
  const ctx = useServiceContext();

  it("maps an uploaded list for its owner only, and a re-upload replaces it", async () => {
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech", { status: "customer" }), company("a2", "Hooli")]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech"), company("g2", "Hooli"), company("g3", "Stark Industries")]);
    await partner(ctx, acme, globex);
    await shareAll(ctx, acme, "full", ["name", "website"]);

    const agency = await createOfflinePartner(ctx, { actorUserId: acme.adminId, name: "Agency" });
    const upload = await uploadOfflinePartnerAccounts(ctx, {
      actorUserId: acme.adminId,
      partnerId: agency.id,
      file: writeCsv("id,name,website,status\nx1,Initech,https://www.initech.com,customer\nx2,Stark Industries,https://www.starkindustries.com,prospect\n"),
    });
    expect(upload).toMatchObject({ counts: { inserted: 2 }, removed: 0, overlaps: 1 });

    // The owner sees the whole list, with the overlap marked.
    const mine = await getPartnerOverlapView(ctx, { viewer: { userId: acme.adminId }, partner: { offlinePartnerId: agency.id } });
    expect(mine.records.map((r) => [r.fields.name, r.overlapping]).sort()).toEqual([
      ["Initech", true],
      ["Stark Industries", false],
    ]);
    // The list is not part of the owner's own accounts...
    expect((await listAccounts(ctx.db, acme.orgId)).map((row) => row.sourceId).sort()).toEqual(["a1", "a2"]);
    // ...so a partner at `full` never gets it through the owner's data, and cannot ask for it directly.
    const globexView = await getPartnerOverlapView(ctx, { viewer: { userId: globex.adminId }, partner: { orgId: acme.orgId } });
    expect(globexView.records.map((r) => r.fields.name).sort()).toEqual(["Hooli", "Initech"]);
    expect(JSON.stringify(globexView)).not.toContain("Stark");
    await expect(
      getPartnerOverlapView(ctx, { viewer: { userId: globex.adminId }, partner: { offlinePartnerId: agency.id } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(exportOverlapsCsv(ctx, { viewer: { orgId: globex.orgId }, partner: { offlinePartnerId: agency.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      uploadOfflinePartnerAccounts(ctx, { actorUserId: globex.adminId, partnerId: agency.id, file: writeCsv("id,name\nz,Z\n") }),
    ).rejects.toMatchObject({ code: "not_found" });

    // The owner reading its own upload is not a disclosure.
    expect(await listDisclosures(ctx, { actorUserId: acme.adminId, partnerOrgId: acme.orgId })).toEqual([]);

    const again = await uploadOfflinePartnerAccounts(ctx, {
      actorUserId: acme.adminId,
      partnerId: agency.id,
      file: writeCsv("id,name,website\nx2,Stark Industries,https://www.starkindustries.com\nx3,Hooli,https://www.hooli.com\n"),
    });
    expect(again).toMatchObject({ counts: { inserted: 1 }, removed: 1, overlaps: 1 });
    const after = await getPartnerOverlapView(ctx, { viewer: { userId: acme.adminId }, partner: { offlinePartnerId: agency.id } });
    expect(after.records.filter((r) => r.overlapping).map((r) => r.fields.name)).toEqual(["Hooli"]);
  });

  it("rejects a file with bad rows without changing the stored list", async () => {
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech")]);
    const agency = await createOfflinePartner(ctx, { actorUserId: acme.adminId, name: "Agency" });
    await expect(
      uploadOfflinePartnerAccounts(ctx, { actorUserId: acme.adminId, partnerId: agency.id, file: writeCsv("id,name\nx1,Initech\nx2,\n") }),
    ).rejects.toMatchObject({ code: "invalid_data" });
    expect(await listAccounts(ctx.db, acme.orgId, { offlinePartnerId: agency.id })).toEqual([]);
  });
});
