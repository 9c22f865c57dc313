import type { Opportunity } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { T0, T1, useTestDatabase } from "../internal/test-database.ts";
import { listAccounts, softDeleteAccounts, upsertAccounts } from "./accounts.ts";
import {
  listOpportunities,
  mapRowToOpportunity,
  softDeleteOpportunities,
  upsertOpportunities,
} from "./opportunities.ts";

const renewal: Opportunity = {
  id: "006A",
  accountId: "001A",
  name: "Initech renewal",
  stage: "Negotiation",
  amount: 12500.5,
  currency: "EUR",
  createdAt: "2026-09-01",
  closeDate: "2026-12-15",
  isClosed: false,
  isWon: false,
  partnerId: "P-7",
};
const lost: Opportunity = { id: "006B", accountId: "001Z", name: "Lost deal", stage: "Closed Lost", isClosed: true, isWon: false };

describe("opportunities repository", () => {
  const ctx = useTestDatabase();

  it("detects changes by content and round-trips the canonical opportunity", async () => {
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [renewal, lost], { now: T0 })).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [renewal, lost], { now: T1 })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    const won = { ...renewal, stage: "Closed Won", isClosed: true, isWon: true };
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [won, lost], { now: T1 })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });

    const rows = await listOpportunities(ctx.db, "acme");
    const wonRow = rows.find((row) => row.sourceId === "006A")!;
    expect(wonRow).toMatchObject({ isClosed: true, isWon: true, createdAt: T0.toISOString(), updatedAt: T1.toISOString() });
    expect(mapRowToOpportunity(wonRow)).toEqual(won);
  });

  it("stores the lead source, counts its change as an update and clears it when the source drops it", async () => {
    await upsertOpportunities(ctx.db, "acme", "csv", [renewal], { now: T0 });
    const referred = { ...renewal, leadSource: "Partner Referral" };
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [referred], { now: T1 })).toMatchObject({ updated: 1 });
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [referred], { now: T1 })).toMatchObject({ unchanged: 1 });
    let [row] = await listOpportunities(ctx.db, "acme");
    expect(row!.leadSource).toBe("Partner Referral");
    expect(mapRowToOpportunity(row!)).toEqual(referred);

    expect(await upsertOpportunities(ctx.db, "acme", "csv", [renewal], { now: T1 })).toMatchObject({ updated: 1 });
    [row] = await listOpportunities(ctx.db, "acme");
    expect(row!.leadSource).toBeNull();
    expect(mapRowToOpportunity(row!)).toEqual(renewal);
  });

  it("resolves the account of the same org and source, and re-links when the account arrives later", async () => {
    await upsertAccounts(ctx.db, "acme", "csv", [{ id: "001A", name: "Initech" }]);
    await upsertAccounts(ctx.db, "acme", "salesforce", [{ id: "001Z", name: "Other source" }]);
    await upsertOpportunities(ctx.db, "acme", "csv", [renewal, lost]);
    const [initech] = await listAccounts(ctx.db, "acme", { source: "csv" });

    const linked = await listOpportunities(ctx.db, "acme", { accountId: initech!.id });
    expect(linked.map((row) => row.sourceId)).toEqual(["006A"]);
    expect((await listOpportunities(ctx.db, "acme")).find((row) => row.sourceId === "006B")?.accountId).toBeNull();

    // The account shows up: the same opportunity content now counts as updated because its link changed.
    await upsertAccounts(ctx.db, "acme", "csv", [{ id: "001Z", name: "Zeta" }]);
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [renewal, lost])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await listOpportunities(ctx.db, "acme")).every((row) => row.accountId !== null)).toBe(true);
  });

  it("unlinks from an account that is soft-deleted at the next upsert", async () => {
    await upsertAccounts(ctx.db, "acme", "csv", [{ id: "001A", name: "Initech" }]);
    await upsertOpportunities(ctx.db, "acme", "csv", [renewal]);
    await softDeleteAccounts(ctx.db, "acme", "csv", ["001A"]);
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [renewal])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await listOpportunities(ctx.db, "acme"))[0]?.accountId).toBeNull();
  });

  it("soft-deletes and revives opportunities", async () => {
    await upsertOpportunities(ctx.db, "acme", "csv", [renewal, lost]);
    expect(await softDeleteOpportunities(ctx.db, "acme", "csv", ["006B"], { now: T1 })).toBe(1);
    expect((await listOpportunities(ctx.db, "acme")).map((row) => row.sourceId)).toEqual(["006A"]);
    expect(await listOpportunities(ctx.db, "acme", { includeDeleted: true })).toHaveLength(2);
    expect(await upsertOpportunities(ctx.db, "acme", "csv", [lost])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await listOpportunities(ctx.db, "acme")).toHaveLength(2);
  });

  it("rejects invalid opportunities (won while open) without writing anything", async () => {
    const invalid = { ...renewal, id: "006X", isWon: true };
    await expect(upsertOpportunities(ctx.db, "acme", "csv", [lost, invalid])).rejects.toMatchObject({
      code: "invalid_input",
      details: [expect.stringContaining("opportunity[1] (id 006X): isWon")],
    });
    expect(await listOpportunities(ctx.db, "acme")).toEqual([]);
  });
});
