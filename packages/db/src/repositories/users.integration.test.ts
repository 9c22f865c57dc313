import { describe, expect, it } from "vitest";
import { T0, useTestDatabase } from "../internal/test-database.ts";
import { createUser, findUserByEmail, getUser, listUsers } from "./users.ts";

describe("users repository", () => {
  const ctx = useTestDatabase();

  it("creates, gets, finds by email and lists org members", async () => {
    const ada = await createUser(
      ctx.db,
      { id: "u-ada", orgId: "acme", email: "Ada@Acme.com", name: "Ada", role: "admin" },
      { now: T0 },
    );
    await createUser(ctx.db, { orgId: "acme", email: "bob@acme.com", role: "rep" });
    await createUser(ctx.db, { orgId: "globex", email: "cy@globex.com", role: "partner_manager" });

    expect(ada).toEqual({
      id: "u-ada",
      orgId: "acme",
      email: "ada@acme.com",
      name: "Ada",
      role: "admin",
      createdAt: T0.toISOString(),
    });
    expect(await getUser(ctx.db, "u-ada")).toEqual(ada);
    expect(await findUserByEmail(ctx.db, " ADA@acme.com ")).toEqual(ada);
    expect(await findUserByEmail(ctx.db, "nobody@acme.com")).toBeUndefined();
    expect((await listUsers(ctx.db, "acme")).map((user) => [user.email, user.role])).toEqual([
      ["ada@acme.com", "admin"],
      ["bob@acme.com", "rep"],
    ]);
  });

  it("keeps emails unique across orgs regardless of case", async () => {
    await createUser(ctx.db, { orgId: "acme", email: "ada@acme.com", role: "admin" });
    await expect(createUser(ctx.db, { orgId: "globex", email: "ADA@acme.com", role: "rep" })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("rejects unknown roles, bad emails, unknown orgs and unknown ids", async () => {
    await expect(
      createUser(ctx.db, { orgId: "acme", email: "x@acme.com", role: "owner" as "admin" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(createUser(ctx.db, { orgId: "acme", email: "not-an-email", role: "rep" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(createUser(ctx.db, { orgId: "nope", email: "x@acme.com", role: "rep" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(getUser(ctx.db, "missing")).rejects.toMatchObject({ code: "not_found" });
  });
});
