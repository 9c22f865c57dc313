import { listAccounts, listOverlaps, overlaps, softDeleteAccounts, upsertAccounts } from "@mutual/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { NOW, company, partner, seedOrg, useServiceContext } from "../internal/test-setup.ts";
import { createOverlapMatchSpace } from "./overlap-match-space.ts";
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
    ctx.matchSpace = createOverlapMatchSpace();
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

    const [full] = await recomputeOverlaps({ ...ctx, matchSpace: undefined }, { orgId: acme.orgId, changedAccountIds: changed });
    expect(full).toMatchObject({ mode: "full", pairs: 3 });
    expect([await snapshot(ctx, acme.orgId, partnershipId), await snapshot(ctx, globex.orgId, partnershipId)]).toEqual(incremental);
  });

  it("a long-lived space reloads a partner's list written by another process before matching against it", async () => {
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech"), company("a2", "Hooli")]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech")]);
    const partnershipId = await partner(ctx, acme, globex);
    const worker = { ...ctx, matchSpace: createOverlapMatchSpace() };
    await recomputeOverlaps(worker, { orgId: acme.orgId });
    expect(await snapshot(ctx, acme.orgId, partnershipId)).toHaveLength(1);

    // Globex imports a Hooli elsewhere (no recompute in this process); Acme's next sync changes one account.
    await upsertAccounts(ctx.db, globex.orgId, "csv", [company("g2", "Hooli")], { now: NOW });
    await upsertAccounts(ctx.db, acme.orgId, "csv", [company("a1", "Initech", { city: "Austin" })], { now: NOW });
    const changed = (await listAccounts(ctx.db, acme.orgId)).filter((row) => row.sourceId === "a1").map((row) => row.id);
    const [result] = await recomputeOverlaps(worker, { orgId: acme.orgId, changedAccountIds: changed });
    expect(result!.mode).toBe("full");
    expect(await snapshot(ctx, acme.orgId, partnershipId)).toHaveLength(2);

    // Nothing written elsewhere since: incremental again.
    const [again] = await recomputeOverlaps(worker, { orgId: acme.orgId, changedAccountIds: changed });
    expect(again!.mode).toBe("incremental");
  });

  it("recomputes only the org's own scopes and validates its input", async () => {
    const acme = await seedOrg(ctx, "Acme", [company("a1", "Initech")]);
    const globex = await seedOrg(ctx, "Globex", [company("g1", "Initech")]);
    const lone = await seedOrg(ctx, "Lone", [company("l1", "Initech")]);
    const partnershipId = await partner(ctx, acme, globex);
    const unchanged = [
      { orgId: acme.orgId, created: 0, removed: 0, populationChanged: 0 },
      { orgId: globex.orgId, created: 0, removed: 0, populationChanged: 0 },
    ];
    expect(await recomputeOverlaps(ctx, { orgId: globex.orgId })).toEqual([{ partnershipId, mode: "full", pairs: 1, changes: unchanged }]);
    expect(await recomputeOverlaps(ctx, { orgId: lone.orgId })).toEqual([]);
    await expect(recomputeOverlaps(ctx, { orgId: "" })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("reports each scope's diff inside the write transaction, and a failing hook rolls the scope back", async () => {
    const names = ["Initech", "Hooli", "Massive Dynamic", "Pied Piper"];
    const acme = await seedOrg(ctx, "Acme", names.slice(0, 3).map((name, i) => company(`a${i}`, name)));
    const globex = await seedOrg(ctx, "Globex", names.map((name, i) => company(`g${i}`, name)));
    ctx.matchSpace = createOverlapMatchSpace();
    const partnershipId = await partner(ctx, acme, globex);
    const before = await snapshot(ctx, acme.orgId, partnershipId);

    await upsertAccounts(ctx.db, acme.orgId, "csv", [company("a0", "Umbrella Corp"), company("a3", "Pied Piper"), company("a1", "Hooli", { status: "customer" })], { now: NOW });
    const changed = (await listAccounts(ctx.db, acme.orgId)).filter((row) => ["a0", "a1", "a3"].includes(row.sourceId)).map((row) => row.id);

    // A hook that fails (as an outbox write could) leaves the stored overlaps as they were.
    const failing = recomputeOverlaps(ctx, { orgId: acme.orgId, changedAccountIds: changed }, {
      onChanges() {
        throw new Error("outbox unavailable");
      },
    });
    await expect(failing).rejects.toThrow("outbox unavailable");
    expect(await snapshot(ctx, acme.orgId, partnershipId)).toEqual(before);

    // Retried (the index was dropped, so in full): the hook sees the diff while the rows are written.
    const seen: { orgId: string; created: string[]; removed: string[]; changed: string[]; storedInTx: number }[] = [];
    const [result] = await recomputeOverlaps(ctx, { orgId: acme.orgId, changedAccountIds: changed }, {
      onChanges(tx, diffs) {
        for (const diff of diffs) {
          const stored = tx.select().from(overlaps).where(eq(overlaps.orgId, diff.scope.orgId)).all();
          seen.push({
            orgId: diff.scope.orgId,
            created: diff.created.map((o) => o.mineAccountId),
            removed: diff.removed.map((o) => o.mineAccountId),
            changed: diff.populationChanged.map((c) => c.current.mineAccountId),
            storedInTx: stored.length,
          });
        }
      },
    });
    const idOf = new Map((await listAccounts(ctx.db, acme.orgId)).map((row) => [row.id, row.sourceId]));
    const globexIdOf = new Map((await listAccounts(ctx.db, globex.orgId)).map((row) => [row.id, row.sourceId]));
    expect(result).toMatchObject({ mode: "full", pairs: 3, changes: [
      { orgId: acme.orgId, created: 1, removed: 1, populationChanged: 1 },
      { orgId: globex.orgId, created: 1, removed: 1, populationChanged: 1 },
    ] });
    expect(seen.map((s) => ({ ...s, created: s.created.map((id) => idOf.get(id) ?? globexIdOf.get(id)), removed: s.removed.map((id) => idOf.get(id) ?? globexIdOf.get(id)), changed: s.changed.map((id) => idOf.get(id) ?? globexIdOf.get(id)) }))).toEqual([
      { orgId: acme.orgId, created: ["a3"], removed: ["a0"], changed: ["a1"], storedInTx: 3 },
      { orgId: globex.orgId, created: ["g3"], removed: ["g0"], changed: ["g1"], storedInTx: 3 },
    ]);

    // Incremental now (index cached again): nothing changed, empty diffs.
    const [again] = await recomputeOverlaps(ctx, { orgId: acme.orgId, changedAccountIds: changed });
    expect(again).toMatchObject({ mode: "incremental", changes: [
      { orgId: acme.orgId, created: 0, removed: 0, populationChanged: 0 },
      { orgId: globex.orgId, created: 0, removed: 0, populationChanged: 0 },
    ] });
  });
});
