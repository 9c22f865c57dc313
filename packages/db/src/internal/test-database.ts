import { afterEach, beforeEach } from "vitest";
import { openDatabase } from "../database.ts";
import type { Db } from "../database.ts";
import { createOrganization } from "../repositories/organizations.ts";

export const T0 = new Date("2026-11-20T10:00:00.000Z");
export const T1 = new Date("2026-11-21T10:00:00.000Z");

/**
 * Test helper: a fresh in-memory database (migrations applied) per test, with orgs "acme" and
 * "globex". Call at the top of a describe block; read `ctx.db` inside tests.
 */
export function useTestDatabase(): { db: Db } {
  const ctx = {} as { db: Db };
  let close = () => {};
  beforeEach(async () => {
    const handle = openDatabase({ file: ":memory:" });
    close = handle.close;
    ctx.db = handle.db;
    await createOrganization(handle.db, { id: "acme", name: "Acme" }, { now: T0 });
    await createOrganization(handle.db, { id: "globex", name: "Globex" }, { now: T0 });
  });
  afterEach(() => close());
  return ctx;
}
