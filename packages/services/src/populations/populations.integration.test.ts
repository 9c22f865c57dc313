import { listPopulations } from "@mutual/db";
import { describe, expect, it } from "vitest";
import { company, partner, seedOrg, useServiceContext } from "../internal/test-setup.ts";
import { getPartnerOverlapView } from "../reads/get-partner-overlap-view.ts";
import { setSharingRule } from "../sharing/set-sharing-rule.ts";
import { createCustomPopulation } from "./create-custom-population.ts";
import { previewPopulationCount } from "./preview-population-count.ts";
import { updatePopulation } from "./update-population.ts";

const accounts = [
  company("a1", "Initech", { status: "customer", country: "DE", icpScore: 90, custom: { Industry: "Software" } }),
  company("a2", "Hooli", { country: "US", icpScore: 40, tier: "Gold" }),
  company("a3", "Massive Dynamic", { country: "FR", icpScore: 65 }),
  company("a4", "Pied Piper", { country: "US" }),
];
const opportunities = [
  { id: "o1", accountId: "a2", name: "Hooli deal", stage: "Negotiation", amount: 50_000, isClosed: false, isWon: false, createdAt: "2026-11-01" },
  { id: "o2", accountId: "a3", name: "MD deal", stage: "Closed Won", amount: 8_000, isClosed: true, isWon: true, closeDate: "2026-06-01" },
];

describe("populations", () => {
  const ctx = useServiceContext();

  it("creates the standard populations with the source's default rules", async () => {
    const acme = await seedOrg(ctx, "Acme", accounts, opportunities);
    const stored = await listPopulations(ctx.db, acme.orgId);
    expect(stored.map((p) => [p.name, p.standardKey, p.filter !== undefined])).toEqual([
      ["Customers", "customers", true],
      ["Open Opportunities", "open_opportunities", true],
      ["Prospects", "prospects", false],
    ]);
    const count = async (standardKey: "customers" | "open_opportunities" | "prospects") => {
      const population = stored.find((p) => p.standardKey === standardKey)!;
      return previewPopulationCount(ctx, { actorUserId: acme.adminId, standardKey, filter: population.filter, populationId: population.id });
    };
    // a1 by status, a3 by a won opportunity; a2 has an open one; a4 is the rest.
    expect(await count("customers")).toEqual({ ok: true, count: 2 });
    expect(await count("open_opportunities")).toEqual({ ok: true, count: 1 });
    expect(await count("prospects")).toEqual({ ok: true, count: 1 });
  });

  it.each([
    [{ field: "account.country", op: "equals", value: "us" }, 2],
    [{ field: "account.country", op: "not_equals", value: "US" }, 2],
    [{ field: "account.country", op: "in", value: ["DE", "FR"] }, 2],
    [{ field: "account.name", op: "contains", value: "dyn" }, 1],
    [{ field: "account.icpScore", op: "greater", value: 60 }, 2],
    [{ field: "account.icpScore", op: "less", value: 60 }, 1],
    [{ field: "account.icpScore", op: "between", value: [40, 65] }, 2],
    [{ field: "account.tier", op: "empty" }, 3],
    [{ field: "account.tier", op: "not_empty" }, 1],
    [{ field: "opportunity.createdAt", op: "within_last_days", value: 30 }, 1],
    [{ field: "opportunity.amount", op: "greater", value: 10_000 }, 1],
    [{ field: "account.Industry", op: "equals", value: "software" }, 1],
    [{ or: [{ field: "opportunity.isWon", op: "equals", value: true }, { and: [{ field: "account.country", op: "equals", value: "US" }, { field: "account.tier", op: "empty" }] }] }, 2],
  ])("counts %j live and saves it as a custom population", async (filter, expected) => {
    const acme = await seedOrg(ctx, "Acme", accounts, opportunities);
    expect(await previewPopulationCount(ctx, { actorUserId: acme.adminId, filter })).toEqual({ ok: true, count: expected });
    const population = await createCustomPopulation(ctx, { actorUserId: acme.adminId, name: "Custom", filter });
    expect(population.filter).toEqual(filter);
  });

  it("reports every problem of an invalid filter while editing and refuses to save it", async () => {
    const acme = await seedOrg(ctx, "Acme", accounts);
    const filter = { and: [{ field: "account.icpScore", op: "contains", value: "x" }, { field: "opportunity.colour", op: "empty" }] };
    const preview = await previewPopulationCount(ctx, { actorUserId: acme.adminId, filter });
    expect(preview).toEqual({
      ok: false,
      issues: [
        { path: "$.and[0].op", message: expect.stringContaining("does not apply") },
        { path: "$.and[1].field", message: expect.stringContaining("unknown opportunity field") },
      ],
    });
    await expect(createCustomPopulation(ctx, { actorUserId: acme.adminId, name: "Bad", filter })).rejects.toMatchObject({
      code: "invalid_input",
      details: [expect.stringContaining("$.and[0].op"), expect.stringContaining("$.and[1].field")],
    });
  });

  it("shares a custom population and edits of its filter change what partners see on the next read", async () => {
    const acme = await seedOrg(ctx, "Acme", accounts, opportunities);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech"), company("g2", "Hooli")]);
    await partner(ctx, acme, globex);
    const emea = await createCustomPopulation(ctx, { actorUserId: acme.adminId, name: "EMEA", filter: { field: "account.country", op: "in", value: ["DE", "FR"] } });
    await setSharingRule(ctx, { actorUserId: acme.adminId, populationId: emea.id, level: "overlaps", fieldAllowlist: ["name"] });
    const look = () => getPartnerOverlapView(ctx, { viewer: { userId: globex.adminId }, partner: { orgId: acme.orgId } });
    expect((await look()).records.map((r) => r.fields)).toEqual([{ name: "Initech" }]);
    await updatePopulation(ctx, { actorUserId: acme.adminId, populationId: emea.id, filter: { field: "account.country", op: "equals", value: "US" } });
    expect((await look()).records.map((r) => r.fields)).toEqual([{ name: "Hooli" }]);
    await expect(updatePopulation(ctx, { actorUserId: globex.adminId, populationId: emea.id, name: "Mine" })).rejects.toMatchObject({ code: "not_found" });
  });
});
