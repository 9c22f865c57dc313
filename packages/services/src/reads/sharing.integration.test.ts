import { describe, expect, it } from "vitest";
import { addMember } from "../organizations/add-member.ts";
import { company, partner, seedOrg, shareAll, useServiceContext } from "../internal/test-setup.ts";
import { setSharingRule } from "../sharing/set-sharing-rule.ts";
import { exportOverlapsCsv } from "./export-overlaps-csv.ts";
import { getOverlapCounts } from "./get-overlap-counts.ts";
import { getPartnerOverlapView } from "./get-partner-overlap-view.ts";
import { listDisclosures } from "./list-disclosures.ts";

describe("sharing through the read paths", () => {
  const ctx = useServiceContext();

  async function setup() {
    const acme = await seedOrg(ctx, "Acme", [
      company("a1", "Initech", { status: "customer", country: "DE" }),
      company("a2", "Hooli", { status: "opportunity", country: "US" }),
      company("a3", "Massive Dynamic", { country: "FR" }),
      company("a4", "Pied Piper", { status: "customer" }),
    ]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech"), company("g2", "Hooli"), company("g3", "Massive Dynamic")]);
    const soylent = await seedOrg(ctx, "Soylent", [company("s1", "Initech"), company("s2", "Hooli")]);
    await partner(ctx, acme, globex);
    await partner(ctx, acme, soylent);
    return { acme, globex, soylent };
  }

  it("shares nothing by default, applies the default to every partner and an override to one", async () => {
    const { acme, globex, soylent } = await setup();
    const view = (viewer: string) => getPartnerOverlapView(ctx, { viewer: { userId: viewer }, partner: { orgId: acme.orgId } });
    expect(await view(globex.adminId)).toMatchObject({ populations: [], records: [] });

    await shareAll(ctx, acme, "overlaps", ["name", "country"]);
    await setSharingRule(ctx, { actorUserId: acme.adminId, populationId: acme.populations.customers, partnerOrgId: soylent.orgId, level: "hidden" });
    await setSharingRule(ctx, {
      actorUserId: acme.adminId,
      populationId: acme.populations.open_opportunities,
      partnerOrgId: soylent.orgId,
      level: "overlaps",
      fieldAllowlist: ["website"],
    });

    const toGlobex = await view(globex.adminId);
    expect(toGlobex.records.map((r) => r.fields).sort((x, y) => String(x.name).localeCompare(String(y.name)))).toEqual([
      { name: "Hooli", country: "US" },
      { name: "Initech", country: "DE" },
      { name: "Massive Dynamic", country: "FR" },
    ]);
    const toSoylent = await view(soylent.adminId);
    expect(toSoylent.populations.map((p) => p.name).sort()).toEqual(["Open Opportunities", "Prospects"]);
    expect(toSoylent.records.map((r) => r.fields)).toEqual([{ website: "https://www.hooli.com" }]);
  });

  it("reveals only counts at `counts` and every record (greenfield) at `full`", async () => {
    const { acme, globex } = await setup();
    await shareAll(ctx, acme, "counts");
    const counts = await getPartnerOverlapView(ctx, { viewer: { userId: globex.adminId }, partner: { orgId: acme.orgId } });
    expect(counts.records).toEqual([]);
    expect(counts.populations.find((p) => p.name === "Customers")).toEqual({
      populationId: acme.populations.customers,
      name: "Customers",
      level: "counts",
      overlapCompanies: 1,
      overlapRecords: 1,
    });

    await setSharingRule(ctx, { actorUserId: acme.adminId, populationId: acme.populations.customers, level: "full", fieldAllowlist: ["name"] });
    const full = await getPartnerOverlapView(ctx, { viewer: { userId: globex.adminId }, partner: { orgId: acme.orgId } });
    expect(full.records.map((r) => [r.fields.name, r.overlapping]).sort()).toEqual([
      ["Initech", true],
      ["Pied Piper", false],
    ]);
    expect(full.populations.find((p) => p.name === "Customers")?.totalRecords).toBe(2);
  });

  it("gives both sides the same company counts, with per-side record counts when one side has duplicates", async () => {
    const acme = await seedOrg(ctx, "Acme", [
      company("a1", "Initech", { status: "customer" }),
      company("a1-dup", "Initech", { status: "customer", city: "Berlin" }),
      company("a2", "Hooli", { status: "customer" }),
    ]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech"), company("g2", "Hooli")]);
    await partner(ctx, acme, globex);
    await shareAll(ctx, acme, "counts");
    await shareAll(ctx, globex, "counts");

    const acmeSees = await getOverlapCounts(ctx, { viewer: { userId: acme.adminId }, partnerOrgId: globex.orgId });
    const globexSees = await getOverlapCounts(ctx, { viewer: { userId: globex.adminId }, partnerOrgId: acme.orgId });
    const acmeCell = acmeSees.cells.find((c) => c.ownPopulationId === acme.populations.customers && c.otherPopulationId === globex.populations.prospects);
    const globexCell = globexSees.cells.find((c) => c.ownPopulationId === globex.populations.prospects && c.otherPopulationId === acme.populations.customers);
    expect(acmeCell).toMatchObject({ companies: 2, ownRecords: 3, otherRecords: 2 });
    expect(globexCell).toMatchObject({ companies: 2, ownRecords: 2, otherRecords: 3 });
    expect(globexSees.columns.map((c) => c.name).sort()).toEqual(["Customers", "Open Opportunities", "Prospects"]);

    // One side stops sharing: the other side's cells go, its own stay (it still shares).
    for (const populationId of Object.values(globex.populations)) {
      await setSharingRule(ctx, { actorUserId: globex.adminId, populationId, level: "hidden" });
    }
    expect((await getOverlapCounts(ctx, { viewer: { userId: acme.adminId }, partnerOrgId: globex.orgId })).cells).toEqual([]);
    expect((await getOverlapCounts(ctx, { viewer: { userId: globex.adminId }, partnerOrgId: acme.orgId })).cells.length).toBeGreaterThan(0);
  });

  it("records every disclosure with who, what and when, listed for the owner's admins only", async () => {
    const { acme, globex, soylent } = await setup();
    await shareAll(ctx, acme, "overlaps", ["name"]);
    const rep = await addMember(ctx, { actorUserId: globex.adminId, email: "rep@globex.test", role: "rep" });
    await getPartnerOverlapView(ctx, { viewer: { userId: rep.id }, partner: { orgId: acme.orgId }, channel: "console" });
    await exportOverlapsCsv(ctx, { viewer: { orgId: soylent.orgId }, partner: { orgId: acme.orgId } });

    const all = await listDisclosures(ctx, { actorUserId: acme.adminId });
    expect(all.map((event) => [event.viewerOrgId, event.channel, event.recordCount]).sort()).toEqual(
      [
        [globex.orgId, "console", 3],
        [soylent.orgId, "export", 2],
      ].sort(),
    );
    const toGlobex = await listDisclosures(ctx, { actorUserId: acme.adminId, partnerOrgId: globex.orgId });
    expect(toGlobex).toHaveLength(1);
    expect(toGlobex[0]).toMatchObject({ viewerUserId: rep.id, occurredAt: "2026-11-20T10:00:00.000Z" });
    expect(toGlobex[0]!.records.every((record) => JSON.stringify(record.fields) === '["name"]')).toBe(true);
    // Nothing of Globex was shown to anyone, and a rep cannot read the log.
    expect(await listDisclosures(ctx, { actorUserId: globex.adminId })).toEqual([]);
    await expect(listDisclosures(ctx, { actorUserId: rep.id })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("exports CSV that spreadsheets cannot run as formulas", async () => {
    const acme = await seedOrg(ctx, "Acme", [
      { id: "a1", name: "=HYPERLINK(\"http://evil\")", website: "https://evil.com", status: "customer", city: "+1-2" },
      { id: "a2", name: "@SUM(A1)", website: "https://sum.com", status: "customer", city: "Berlin, \"Mitte\"" },
    ]);
    const globex = await seedOrg(ctx, "Globex", [
      { id: "g1", name: "=HYPERLINK(\"http://evil\")", website: "https://evil.com" },
      { id: "g2", name: "@SUM(A1)", website: "https://sum.com" },
    ]);
    await partner(ctx, acme, globex);
    await shareAll(ctx, acme, "overlaps", ["name", "city"]);
    const csv = await exportOverlapsCsv(ctx, { viewer: { userId: globex.adminId }, partner: { orgId: acme.orgId } });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe('"name","city","populations","overlapping","your_account_ids"');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('"\'=HYPERLINK(""http://evil"")","\'+1-2"');
    expect(csv).toContain('"\'@SUM(A1)","Berlin, ""Mitte"""');
    // No cell starts with a formula trigger once its quotes are removed.
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)"[=+\-@]/);
  });
});
