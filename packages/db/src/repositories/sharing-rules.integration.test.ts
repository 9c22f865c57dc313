import { describe, expect, it } from "vitest";
import { T0, T1, useTestDatabase } from "../internal/test-database.ts";
import { createOrganization } from "./organizations.ts";
import { createPopulation } from "./populations.ts";
import { findSharingRule, listSharingRules, upsertSharingRule } from "./sharing-rules.ts";

describe("sharing rules repository", () => {
  const ctx = useTestDatabase();

  it("keeps one default and one rule per partner org for a population, updating in place", async () => {
    await createPopulation(ctx.db, { id: "pop-cust", orgId: "acme", name: "Customers", standardKey: "customers" });
    await createOrganization(ctx.db, { id: "initech", name: "Initech" });

    const defaultRule = await upsertSharingRule(ctx.db, { populationId: "pop-cust", level: "counts", fieldAllowlist: [] }, { now: T0 });
    await upsertSharingRule(ctx.db, { populationId: "pop-cust", partnerOrgId: "globex", level: "overlaps", fieldAllowlist: ["name"] });
    await upsertSharingRule(ctx.db, { populationId: "pop-cust", partnerOrgId: "initech", level: "hidden", fieldAllowlist: [] });

    // Same default again: the row is updated, not duplicated (the null partner is handled by a partial index).
    const updatedDefault = await upsertSharingRule(
      ctx.db,
      { populationId: "pop-cust", level: "overlaps", fieldAllowlist: ["name", "website"] },
      { now: T1 },
    );
    expect(updatedDefault).toEqual({
      id: defaultRule.id,
      populationId: "pop-cust",
      level: "overlaps",
      fieldAllowlist: ["name", "website"],
      updatedAt: T1.toISOString(),
    });
    const globexRule = await upsertSharingRule(ctx.db, {
      populationId: "pop-cust",
      partnerOrgId: "globex",
      level: "full",
      fieldAllowlist: ["name", "website", "country"],
    });

    const rules = await listSharingRules(ctx.db, "acme");
    expect(rules.map((rule) => [rule.partnerOrgId ?? "default", rule.level])).toEqual([
      ["default", "overlaps"],
      ["globex", "full"],
      ["initech", "hidden"],
    ]);
    expect(await findSharingRule(ctx.db, "pop-cust", "globex")).toEqual(globexRule);
    expect(await findSharingRule(ctx.db, "pop-cust")).toEqual(updatedDefault);
    expect(await findSharingRule(ctx.db, "pop-cust", "nobody")).toBeUndefined();
    expect(await listSharingRules(ctx.db, "globex")).toEqual([]);
  });

  it("applies the core default allowlist and rejects unknown levels or populations", async () => {
    await createPopulation(ctx.db, { id: "pop-1", orgId: "acme", name: "Prospects" });
    const rule = await upsertSharingRule(ctx.db, { populationId: "pop-1", level: "overlaps" });
    expect(rule.fieldAllowlist).toEqual(["name", "website"]);
    await expect(
      upsertSharingRule(ctx.db, { populationId: "pop-1", level: "everything" as "full", fieldAllowlist: [] }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      upsertSharingRule(ctx.db, { populationId: "missing", level: "full", fieldAllowlist: [] }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });
});
