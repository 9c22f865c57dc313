import { listAccounts, listOverlaps, softDeleteAccounts, upsertAccounts } from "@mutual/db";
import { describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { NOW, company, partner, seedOrg, useServiceContext } from "../internal/test-setup.ts";
import { createOverlapIndexCache } from "./create-overlap-index-cache.ts";
import { recomputeOverlaps } from "./recompute-overlaps.ts";

/** Stored overlaps of a scope, in our terms that survive a recompute (no row ids, no timestamps). */
async function snapshot(ctx: ServiceContext, orgId: string, partnershipId: string) {
  const rows = await listOverlaps(ctx.db, { orgId, partnershipId });
  return rows
    .map((row) => [row.mineAccountId, row.partnerAccountId, row.relation, row.minePopulations, row.partnerPopulations])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("recomputeOverlaps", () => {
  const ctx = useServiceContext();

  it("updates only changed accounts with a cached index and ends where a full recompute ends", async () => {
    const names = ["Initech", "Hooli", "Massive Dynamic", "Pied Piper", "Stark Industries", "Wayne Enterprises"];
    const acme = await seedOrg(ctx, "Acme", names.slice(0, 4).map((name, i) => company(`a${i}`, name)));
    const globex = await seedOrg(ctx, "Globex", names.map((name, i) => company(`g${i}`, name)));
    ctx.overlapIndexes = createOverlapIndexCache();
    const partnershipId = await partner(ctx, acme, globex);
    expect(await snapshot(ctx, acme.orgId, partnershipId)).toHaveLength(4);

    // Acme renames one account away, adds one that matches, deletes one and makes one a customer.
    await upsertAccounts(
      ctx.db,
      acme.orgId,
      "csv",
      [company("a0", "Umbrella Corp"), company("a9", "Wayne Enterprises"), company("a1", "Hooli", { status: "customer" })],
      { now: NOW },
    );
    await softDeleteAccounts(ctx.db, acme.orgId, "csv", ["a2"], { now: NOW });
    const rows = await listAccounts(ctx.db, acme.orgId, { includeDeleted: true });
    const changed = rows.filter((row) => ["a0", "a9", "a1", "a2"].includes(row.sourceId)).map((row) => row.id);

    const [result] = await recomputeOverlaps(ctx, { orgId: acme.orgId, changedAccountIds: changed });
    expect(result).toMatchObject({ partnershipId, mode: "incremental", pairs: 3 });
    const incremental = [await snapshot(ctx, acme.orgId, partnershipId), await snapshot(ctx, globex.orgId, partnershipId)];
    expect(incremental[0]!.find((row) => row[3] !== undefined && (row[3] as string[]).includes(acme.populations.customers))).toBeDefined();

    const [full] = await recomputeOverlaps({ ...ctx, overlapIndexes: undefined }, { orgId: acme.orgId, changedAccountIds: changed });
    expect(full).toMatchObject({ mode: "full", pairs: 3 });
    expect([await snapshot(ctx, acme.orgId, partnershipId), await snapshot(ctx, globex.orgId, partnershipId)]).toEqual(incremental);
  });

  it("recomputes only the org's own scopes and validates its input", async () => {
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech")]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech")]);
    const lone = await seedOrg(ctx, "Lone", [company("l1", "Initech")]);
    const partnershipId = await partner(ctx, acme, globex);
    expect(await recomputeOverlaps(ctx, { orgId: globex.orgId })).toEqual([{ partnershipId, mode: "full", pairs: 1 }]);
    expect(await recomputeOverlaps(ctx, { orgId: lone.orgId })).toEqual([]);
    await expect(recomputeOverlaps(ctx, { orgId: "" })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
