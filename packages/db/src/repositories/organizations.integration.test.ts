import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../database.ts";
import type { Database } from "../database.ts";
import { createOrganization, getOrganization, listOrganizations } from "./organizations.ts";

const now = new Date("2026-11-20T10:00:00.000Z");
let handle: Database;
beforeEach(() => {
  handle = openDatabase({ file: ":memory:" });
});
afterEach(() => handle.close());

describe("organizations repository", () => {
  it("creates, gets and lists organizations", async () => {
    const acme = await createOrganization(handle.db, { id: "org-acme", name: " Acme ", currency: "eur" }, { now });
    await createOrganization(handle.db, { name: "Beta" }, { now });

    expect(acme).toEqual({ id: "org-acme", name: "Acme", currency: "EUR", createdAt: "2026-11-20T10:00:00.000Z" });
    expect(await getOrganization(handle.db, "org-acme")).toEqual(acme);
    const all = await listOrganizations(handle.db);
    expect(all.map((org) => [org.name, org.currency])).toEqual([
      ["Acme", "EUR"],
      ["Beta", "USD"],
    ]);
    expect(all[1]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("rejects invalid input, duplicate ids and unknown ids with AppError codes", async () => {
    await expect(createOrganization(handle.db, { name: "  " })).rejects.toMatchObject({ code: "invalid_input" });
    await createOrganization(handle.db, { id: "org-1", name: "One" });
    await expect(createOrganization(handle.db, { id: "org-1", name: "Again" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(getOrganization(handle.db, "missing")).rejects.toMatchObject({ code: "not_found" });
  });
});
