import { describe, expect, it } from "vitest";
import { T0, T1, useTestDatabase } from "../internal/test-database.ts";
import { finishImportRun, getImportRun, listImportRuns, startImportRun } from "./import-runs.ts";

describe("import runs repository", () => {
  const ctx = useTestDatabase();

  it("starts a run and finishes it once with its counts and problems", async () => {
    const run = await startImportRun(ctx.db, { id: "run-1", orgId: "acme", source: "csv", file: "accounts.csv" }, { now: T0 });
    expect(run).toEqual({
      id: "run-1",
      orgId: "acme",
      source: "csv",
      file: "accounts.csv",
      status: "running",
      startedAt: T0.toISOString(),
      finishedAt: null,
      rowsRead: 0,
      imported: 0,
      skipped: 0,
      problems: [],
    });

    const result = {
      status: "succeeded" as const,
      rowsRead: 10,
      imported: 8,
      skipped: 2,
      problems: ["accounts.csv:4:3: invalid email", "accounts.csv:9:1: missing name"],
    };
    const finished = await finishImportRun(ctx.db, "run-1", result, { now: T1 });
    expect(finished).toEqual({ ...run, ...result, finishedAt: T1.toISOString() });
    expect(await getImportRun(ctx.db, "run-1")).toEqual(finished);

    await expect(finishImportRun(ctx.db, "run-1", { ...result, status: "failed" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(finishImportRun(ctx.db, "missing", result)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists an org's runs newest first and validates input", async () => {
    await startImportRun(ctx.db, { id: "old", orgId: "acme", source: "salesforce" }, { now: T0 });
    await startImportRun(ctx.db, { id: "new", orgId: "acme", source: "csv" }, { now: T1 });
    await startImportRun(ctx.db, { orgId: "globex", source: "csv" }, { now: T1 });
    expect((await listImportRuns(ctx.db, "acme")).map((run) => run.id)).toEqual(["new", "old"]);
    expect(await listImportRuns(ctx.db, "acme", { limit: 1 })).toHaveLength(1);

    await expect(
      finishImportRun(ctx.db, "old", { status: "succeeded", rowsRead: -1, imported: 0, skipped: 0 }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(startImportRun(ctx.db, { orgId: "missing", source: "csv" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
