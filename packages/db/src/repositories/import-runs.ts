import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { importRuns } from "../schema/import-runs.ts";
import { RecordSourceSchema } from "./accounts.ts";

export type ImportRun = typeof importRuns.$inferSelect;

export const StartImportRunInputSchema = z.object({
  id: z.string().min(1).optional(),
  orgId: z.string().min(1),
  source: RecordSourceSchema,
  /** File name for CSV imports. */
  file: z.string().min(1).optional(),
});
export type StartImportRunInput = z.input<typeof StartImportRunInputSchema>;

const count = z.number().int().nonnegative();
export const FinishImportRunInputSchema = z.object({
  status: z.enum(["succeeded", "failed"]),
  rowsRead: count,
  imported: count,
  skipped: count,
  /** One human-readable line per problem (file, line, column, reason). */
  problems: z.array(z.string()).default([]),
});
export type FinishImportRunInput = z.input<typeof FinishImportRunInputSchema>;

/** Records that an import started; it stays "running" until finished. */
export async function startImportRun(
  db: Db,
  input: StartImportRunInput,
  options: WriteOptions = {},
): Promise<ImportRun> {
  const parsed = parseInput(StartImportRunInputSchema, input, "import run");
  const [row] = await runWithConflictCheck("import run already exists", () =>
    db
      .insert(importRuns)
      .values({
        id: parsed.id ?? randomUUID(),
        orgId: parsed.orgId,
        source: parsed.source,
        file: parsed.file ?? null,
        status: "running",
        startedAt: formatTimestamp(options),
        problems: [],
      })
      .returning(),
  );
  return row!;
}

/** Closes a running import with its counts; finishing twice is AppError("conflict"). */
export async function finishImportRun(
  db: Db,
  id: string,
  input: FinishImportRunInput,
  options: WriteOptions = {},
): Promise<ImportRun> {
  const parsed = parseInput(FinishImportRunInputSchema, input, "import run result");
  const [row] = await db
    .update(importRuns)
    .set({ ...parsed, finishedAt: formatTimestamp(options) })
    .where(and(eq(importRuns.id, id), eq(importRuns.status, "running")))
    .returning();
  if (row) return row;
  await getImportRun(db, id); // not_found when it does not exist
  throw new AppError("conflict", `import run ${id} is already finished`);
}

/** The import run, or AppError("not_found"). */
export async function getImportRun(db: Db, id: string): Promise<ImportRun> {
  const [row] = await db.select().from(importRuns).where(eq(importRuns.id, id));
  if (!row) throw new AppError("not_found", `import run ${id} not found`);
  return row;
}

/** An org's import runs, newest first. */
export async function listImportRuns(db: Db, orgId: string, options: { limit?: number } = {}): Promise<ImportRun[]> {
  return db
    .select()
    .from(importRuns)
    .where(eq(importRuns.orgId, orgId))
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(options.limit ?? 50);
}
