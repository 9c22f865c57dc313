import type { Account } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { T0, T1, useTestDatabase } from "../internal/test-database.ts";
import { accounts } from "../schema/accounts.ts";
import {
  findAccountsByDomain,
  getAccountListVersions,
  listAccounts,
  mapRowToAccount,
  softDeleteAccounts,
  upsertAccounts,
} from "./accounts.ts";

const initech: Account = {
  id: "001A",
  name: "Initech",
  website: "https://www.initech.co.uk/about",
  country: "GB",
  status: "customer",
  icpScore: 80,
  custom: { segment: "enterprise", region: "emea" },
};
const hooli: Account = { id: "001B", name: "Hooli", website: "hooli.com", status: "prospect" };

describe("accounts repository", () => {
  const ctx = useTestDatabase();

  it("detects changes by content: insert, same again unchanged, edit updated", async () => {
    expect(await upsertAccounts(ctx.db, "acme", "csv", [initech, hooli], { now: T0 })).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    // Same content with custom keys in another order is still unchanged.
    const reordered = { ...initech, custom: { region: "emea", segment: "enterprise" } };
    expect(await upsertAccounts(ctx.db, "acme", "csv", [reordered, hooli], { now: T1 })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(
      await upsertAccounts(ctx.db, "acme", "csv", [{ ...hooli, status: "customer" }, { id: "001C", name: "Umbrella" }], {
        now: T1,
      }),
    ).toEqual({ inserted: 1, updated: 1, unchanged: 0 });

    const rows = await listAccounts(ctx.db, "acme");
    const hooliRow = rows.find((row) => row.sourceId === "001B")!;
    expect(hooliRow).toMatchObject({ status: "customer", createdAt: T0.toISOString(), updatedAt: T1.toISOString() });
    const initechRow = rows.find((row) => row.sourceId === "001A")!;
    expect(initechRow.updatedAt).toBe(T0.toISOString());
    expect(initechRow.domain).toBe("initech.co.uk");
    expect(mapRowToAccount(initechRow)).toEqual(initech);
  });

  it("keeps one row per org, source and source id, and processes many batches in one call", async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ id: `A${i}`, name: `Company ${i}`, website: `c${i}.com` }));
    expect(await upsertAccounts(ctx.db, "acme", "salesforce", many)).toEqual({ inserted: 1001, updated: 0, unchanged: 0 });
    // The same source ids under another source or org are different accounts.
    await upsertAccounts(ctx.db, "acme", "csv", many.slice(0, 10));
    await upsertAccounts(ctx.db, "globex", "salesforce", many.slice(0, 10));
    const edited = many.map((account, i) => (i % 2 === 0 ? { ...account, name: `${account.name} Ltd` } : account));
    expect(await upsertAccounts(ctx.db, "acme", "salesforce", edited)).toEqual({
      inserted: 0,
      updated: 501,
      unchanged: 500,
    });

    expect(await listAccounts(ctx.db, "acme", { source: "salesforce", limit: 5000 })).toHaveLength(1001);
    expect(await listAccounts(ctx.db, "acme", { source: "csv" })).toHaveLength(10);
    expect(await listAccounts(ctx.db, "globex")).toHaveLength(10);

    // The table itself refuses a second row for the same key, whoever writes it.
    const [existing] = await listAccounts(ctx.db, "acme", { source: "csv", limit: 1 });
    expect(() => ctx.db.insert(accounts).values({ ...existing!, id: "another-id" }).run()).toThrow(/UNIQUE constraint failed/);
  });

  it("lets the last duplicate id in one call win", async () => {
    const counts = await upsertAccounts(ctx.db, "acme", "csv", [hooli, { ...hooli, name: "Hooli Inc" }]);
    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await listAccounts(ctx.db, "acme")).map((row) => row.name)).toEqual(["Hooli Inc"]);
  });

  it("pages with limit and after", async () => {
    await upsertAccounts(ctx.db, "acme", "csv", [initech, hooli, { id: "001C", name: "Umbrella" }]);
    const first = await listAccounts(ctx.db, "acme", { limit: 2 });
    const rest = await listAccounts(ctx.db, "acme", { limit: 2, after: first.at(-1)!.id });
    expect(first).toHaveLength(2);
    expect(rest).toHaveLength(1);
    expect(new Set([...first, ...rest].map((row) => row.sourceId))).toEqual(new Set(["001A", "001B", "001C"]));
  });

  it("finds live accounts by registrable domain of a website, URL or email", async () => {
    await upsertAccounts(ctx.db, "acme", "csv", [initech, hooli, { id: "001D", name: "Initech Labs", website: "labs.initech.co.uk" }]);
    await upsertAccounts(ctx.db, "globex", "csv", [initech]);

    const found = await findAccountsByDomain(ctx.db, "acme", ["jane@initech.co.uk", "not a domain", ""]);
    expect(found.map((row) => row.sourceId).sort()).toEqual(["001A", "001D"]);
    expect(await findAccountsByDomain(ctx.db, "acme", ["http://HOOLI.com/x"])).toHaveLength(1);
    expect(await findAccountsByDomain(ctx.db, "acme", ["unknown.org"])).toEqual([]);

    await softDeleteAccounts(ctx.db, "acme", "csv", ["001D"]);
    expect((await findAccountsByDomain(ctx.db, "acme", ["initech.co.uk"])).map((row) => row.sourceId)).toEqual(["001A"]);
  });

  it("soft-deletes, hides deleted rows unless asked, and revives them on upsert", async () => {
    await upsertAccounts(ctx.db, "acme", "csv", [initech, hooli], { now: T0 });
    expect(await softDeleteAccounts(ctx.db, "acme", "csv", ["001A", "001A", "missing"], { now: T1 })).toBe(1);
    expect(await softDeleteAccounts(ctx.db, "acme", "csv", ["001A"], { now: T1 })).toBe(0);

    expect((await listAccounts(ctx.db, "acme")).map((row) => row.sourceId)).toEqual(["001B"]);
    const all = await listAccounts(ctx.db, "acme", { includeDeleted: true });
    expect(all.find((row) => row.sourceId === "001A")?.deletedAt).toBe(T1.toISOString());

    expect(await upsertAccounts(ctx.db, "acme", "csv", [initech])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await listAccounts(ctx.db, "acme")).toHaveLength(2);
  });

  it("bumps an account list's version on every write that changes it, and only then", async () => {
    const version = () => getAccountListVersions(ctx.db, [{ orgId: "acme" }, { orgId: "globex" }]);
    expect(version()).toEqual(new Map([["org:acme", 0], ["org:globex", 0]]));
    await upsertAccounts(ctx.db, "acme", "csv", [initech, hooli], { now: T0 });
    expect(version().get("org:acme")).toBe(1);
    await upsertAccounts(ctx.db, "acme", "csv", [initech, hooli], { now: T0 });
    expect(version().get("org:acme")).toBe(1);
    await upsertAccounts(ctx.db, "acme", "csv", [{ ...hooli, name: "Hooli XYZ" }], { now: T0 });
    await softDeleteAccounts(ctx.db, "acme", "csv", ["001A"], { now: T0 });
    await softDeleteAccounts(ctx.db, "acme", "csv", ["001A"], { now: T0 });
    expect(version()).toEqual(new Map([["org:acme", 3], ["org:globex", 0]]));
  });

  it("rejects the whole call when a record is invalid, naming each problem", async () => {
    const bad = [hooli, { id: "X1", name: "" }, { id: "X2", name: "Ok", ownerEmail: "nope" }] as Account[];
    await expect(upsertAccounts(ctx.db, "acme", "csv", bad)).rejects.toMatchObject({
      code: "invalid_input",
      details: [expect.stringContaining("account[1] (id X1): name"), expect.stringContaining("account[2] (id X2): ownerEmail")],
    });
    await expect(upsertAccounts(ctx.db, "acme", "Not A Source", [hooli])).rejects.toMatchObject({ code: "invalid_input" });
    await expect(upsertAccounts(ctx.db, "no-such-org", "csv", [hooli])).rejects.toMatchObject({ code: "invalid_input" });
    expect(await listAccounts(ctx.db, "acme")).toEqual([]);
  });
});
