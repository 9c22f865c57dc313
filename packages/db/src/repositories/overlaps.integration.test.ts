import type { Overlap } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { T0, T1, useTestDatabase } from "../internal/test-database.ts";
import type { Db } from "../database.ts";
import { listAccounts, upsertAccounts } from "./accounts.ts";
import { replaceOverlaps, listOverlaps, writeOverlapsWithDiff } from "./overlaps.ts";
import { createPartner } from "./partners.ts";
import { createPartnership } from "./partnerships.ts";

async function seedAccounts(db: Db): Promise<Record<string, string>> {
  await upsertAccounts(db, "acme", "csv", [
    { id: "a1", name: "Initech" },
    { id: "a2", name: "Hooli" },
  ]);
  await upsertAccounts(db, "globex", "csv", [
    { id: "g1", name: "Initech Ltd" },
    { id: "g2", name: "Hooli Inc" },
  ]);
  const rows = [...(await listAccounts(db, "acme")), ...(await listAccounts(db, "globex"))];
  return Object.fromEntries(rows.map((row) => [row.sourceId, row.id]));
}

function makeOverlap(mine: string, partner: string, confidence: number): Overlap {
  return {
    mineAccountId: mine,
    partnerAccountId: partner,
    relation: "same_account",
    confidence,
    evidence: "same domain",
    minePopulations: ["customers"],
    partnerPopulations: ["prospects"],
  };
}

describe("overlaps repository", () => {
  const ctx = useTestDatabase();

  it("replaces the overlaps of a partnership scope wholesale and lists them by confidence", async () => {
    const ids = await seedAccounts(ctx.db);
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    const scope = { orgId: "acme", partnershipId: "ps-1" };

    const first = [makeOverlap(ids.a1!, ids.g1!, 0.8), makeOverlap(ids.a2!, ids.g2!, 0.95)];
    expect(await replaceOverlaps(ctx.db, scope, first, { now: T0 })).toEqual({ deleted: 0, inserted: 2 });
    const listed = await listOverlaps(ctx.db, scope);
    expect(listed.map((overlap) => overlap.confidence)).toEqual([0.95, 0.8]);
    expect(listed[0]).toMatchObject({ ...first[1], computedAt: T0.toISOString() });

    // The partner's perspective is another scope and is left alone by a replace of mine.
    const theirs = { orgId: "globex", partnershipId: "ps-1" };
    await replaceOverlaps(ctx.db, theirs, [makeOverlap(ids.g1!, ids.a1!, 0.8)]);

    expect(await replaceOverlaps(ctx.db, scope, [makeOverlap(ids.a1!, ids.g1!, 0.9)], { now: T1 })).toEqual({
      deleted: 2,
      inserted: 1,
    });
    expect((await listOverlaps(ctx.db, scope)).map((overlap) => [overlap.confidence, overlap.computedAt])).toEqual([
      [0.9, T1.toISOString()],
    ]);
    expect(await listOverlaps(ctx.db, theirs)).toHaveLength(1);
  });

  it("scopes offline-partner overlaps separately and writes many in batches", async () => {
    const ids = await seedAccounts(ctx.db);
    const agency = await createPartner(ctx.db, { kind: "offline", ownerOrgId: "acme", name: "Agency" });
    const scope = { orgId: "acme", offlinePartnerId: agency.id };
    await replaceOverlaps(ctx.db, scope, [makeOverlap(ids.a1!, ids.g1!, 1)]);
    expect(await listOverlaps(ctx.db, scope)).toHaveLength(1);
    expect(await listOverlaps(ctx.db, { orgId: "acme", partnershipId: "none" })).toEqual([]);

    const mine = Array.from({ length: 600 }, (_, i) => ({ id: `m${i}`, name: `Mine ${i}` }));
    await upsertAccounts(ctx.db, "acme", "csv", mine);
    const rows = await listAccounts(ctx.db, "acme", { limit: 5000 });
    const many = rows.map((row) => makeOverlap(row.id, ids.g1!, 0.5));
    expect(await replaceOverlaps(ctx.db, scope, many)).toEqual({ deleted: 1, inserted: 602 });
    expect(await listOverlaps(ctx.db, scope)).toHaveLength(602);
  });

  it("diffs a write against the stored rows: changed pairs are updated in place, unchanged ones left alone", async () => {
    const ids = await seedAccounts(ctx.db);
    await upsertAccounts(ctx.db, "globex", "csv", [{ id: "g3", name: "Umbrella" }]);
    const g3 = (await listAccounts(ctx.db, "globex")).find((row) => row.sourceId === "g3")!.id;
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    const scope = { orgId: "acme", partnershipId: "ps-1" };
    await writeOverlapsWithDiff(ctx.db, [{ scope, overlaps: [makeOverlap(ids.a1!, ids.g1!, 0.8), makeOverlap(ids.a2!, ids.g2!, 0.9)] }], { now: T0 });
    const before = new Map((await listOverlaps(ctx.db, scope)).map((row) => [row.partnerAccountId, row]));

    // a1 x g1 moves to other populations and confidence, a2 x g2 goes, a2 x g3 comes; a1 and a2 are rewritten.
    const moved = { ...makeOverlap(ids.a1!, ids.g1!, 0.85), minePopulations: ["customers", "open_opportunities"], evidence: "same domain; other city" };
    const [diff] = await writeOverlapsWithDiff(
      ctx.db,
      [{ scope, mineAccountIds: [ids.a1!, ids.a2!], overlaps: [moved, makeOverlap(ids.a2!, g3, 0.7)] }],
      { now: T1 },
    );
    expect(diff!.created.map((row) => row.partnerAccountId)).toEqual([g3]);
    expect(diff!.removed.map((row) => row.partnerAccountId)).toEqual([ids.g2]);
    expect(diff!.populationChanged.map(({ previous, current }) => [previous.minePopulations, current.minePopulations])).toEqual([
      [["customers"], ["customers", "open_opportunities"]],
    ]);
    const after = new Map((await listOverlaps(ctx.db, scope)).map((row) => [row.partnerAccountId, row]));
    expect([...after.keys()].sort()).toEqual([ids.g1!, g3].sort());
    // Same row, new content (populations stored as lists, not as doubly encoded strings).
    expect(after.get(ids.g1!)).toEqual({ ...moved, id: before.get(ids.g1!)!.id, computedAt: T1.toISOString() });

    // Writing the same again changes nothing: no diff, rows and their computedAt untouched.
    const [again] = await writeOverlapsWithDiff(ctx.db, [{ scope, mineAccountIds: [ids.a1!], overlaps: [moved] }], { now: new Date("2030-01-01T00:00:00.000Z") });
    expect(again).toMatchObject({ created: [], removed: [], populationChanged: [] });
    expect((await listOverlaps(ctx.db, scope)).find((row) => row.partnerAccountId === ids.g1)?.computedAt).toBe(T1.toISOString());
  });

  it("rejects duplicate pairs, bad scopes and unknown accounts without touching stored overlaps", async () => {
    const ids = await seedAccounts(ctx.db);
    await createPartnership(ctx.db, { id: "ps-1", inviterOrgId: "acme", inviteeOrgId: "globex" });
    const scope = { orgId: "acme", partnershipId: "ps-1" };
    await replaceOverlaps(ctx.db, scope, [makeOverlap(ids.a1!, ids.g1!, 0.8)]);

    const pair = makeOverlap(ids.a2!, ids.g2!, 0.7);
    await expect(replaceOverlaps(ctx.db, scope, [pair, pair])).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      replaceOverlaps(ctx.db, { orgId: "acme", partnershipId: "ps-1", offlinePartnerId: "x" } as never, [pair]),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(replaceOverlaps(ctx.db, scope, [makeOverlap("nope", ids.g2!, 0.7)])).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(await listOverlaps(ctx.db, scope)).toHaveLength(1);
  });
});
