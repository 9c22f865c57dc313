import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../internal/test-database.ts";
import { createPopulation, createStandardPopulations, getPopulation, listPopulations } from "./populations.ts";

describe("populations repository", () => {
  const ctx = useTestDatabase();

  it("creates a custom population with its filter and reads it back", async () => {
    const filter = {
      and: [
        { field: "account.country", op: "in" as const, value: ["DE", "FR"] },
        { field: "account.status", op: "equals" as const, value: "customer" },
      ],
    };
    const emea = await createPopulation(ctx.db, { id: "pop-emea", orgId: "acme", name: "EMEA customers", filter });
    expect(emea).toEqual({ id: "pop-emea", orgId: "acme", name: "EMEA customers", filter });
    expect(await getPopulation(ctx.db, "pop-emea")).toEqual(emea);
  });

  it("creates the three standard populations once", async () => {
    const created = await createStandardPopulations(ctx.db, "acme");
    expect(created.map((population) => [population.name, population.standardKey])).toEqual([
      ["Customers", "customers"],
      ["Opportunities", "open_opportunities"],
      ["Prospects", "prospects"],
    ]);
    expect(await createStandardPopulations(ctx.db, "acme")).toEqual([]);
    expect(await listPopulations(ctx.db, "acme")).toHaveLength(3);
    expect(await listPopulations(ctx.db, "globex")).toEqual([]);
  });

  it("keeps names and standard keys unique per org and validates filters", async () => {
    await createPopulation(ctx.db, { orgId: "acme", name: "Churn risk" });
    await expect(createPopulation(ctx.db, { orgId: "acme", name: "Churn risk" })).rejects.toMatchObject({
      code: "conflict",
    });
    await createPopulation(ctx.db, { orgId: "globex", name: "Churn risk" });
    await createPopulation(ctx.db, { orgId: "acme", name: "Clients", standardKey: "customers" });
    await expect(
      createPopulation(ctx.db, { orgId: "acme", name: "Clients again", standardKey: "customers" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createPopulation(ctx.db, { orgId: "acme", name: "Bad", filter: { field: "nope", op: "equals", value: 1 } }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(getPopulation(ctx.db, "missing")).rejects.toMatchObject({ code: "not_found" });
  });
});
