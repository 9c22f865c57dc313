import { isAbsolute, resolve } from "node:path";
import type { Account, Opportunity } from "@mutual/core";
import {
  formatProblem,
  loadAccountsCsv,
  loadAccountsCsvAs,
  loadOpportunitiesCsv,
  type CsvImportOptions,
  type CsvImportReport,
} from "@mutual/connector-csv";
import type { CommandContext } from "./commands/types.ts";
import { createProgressLine } from "./progress.ts";

export interface LoadOptions {
  map?: Readonly<Record<string, string>>;
  skipInvalid?: boolean;
}

/** Resolves a path the user typed against the directory they typed it in. */
export function resolveUserPath(ctx: CommandContext, path: string): string {
  return isAbsolute(path) ? path : resolve(ctx.cwd, path);
}

/** With --skip-invalid, tells the user on stderr what was left out and why. */
function reportSkipped(ctx: CommandContext, path: string, report: CsvImportReport): void {
  if (report.skipped === 0) return;
  ctx.stderr.write(`${path}: skipped ${report.skipped} invalid rows, imported ${report.imported} of ${report.rowsRead}\n`);
  for (const problem of report.problems) ctx.stderr.write(`  ${formatProblem({ ...problem, file: path })}\n`);
  const more = report.problemCount - report.problems.length;
  if (more > 0) ctx.stderr.write(`  ... and ${more} more problems\n`);
}

async function loadWithProgress<T>(
  ctx: CommandContext,
  path: string,
  options: LoadOptions,
  load: (file: string, options: CsvImportOptions) => Promise<{ report: CsvImportReport } & T>,
): Promise<T> {
  const file = resolveUserPath(ctx, path);
  const progress = createProgressLine(ctx, `Reading ${path}`);
  try {
    const result = await load(file, {
      ...(options.map ? { map: options.map } : {}),
      skipInvalid: options.skipInvalid ?? false,
      onProgress: (p) => progress.update(p),
    });
    progress.done();
    reportSkipped(ctx, path, result.report);
    return result;
  } catch (error) {
    progress.done();
    throw error;
  }
}

/** Loads an account CSV for a command: progress on a TTY, skipped rows reported, errors as AppError. */
export async function loadAccounts(ctx: CommandContext, path: string, options: LoadOptions = {}): Promise<Account[]> {
  const { accounts } = await loadWithProgress(ctx, path, options, loadAccountsCsv);
  return accounts;
}

/** Like loadAccounts, keeping only what `keep` returns of each account as it is read (see loadAccountsCsvAs). */
export async function loadAccountsAs<T>(ctx: CommandContext, path: string, keep: (account: Account) => T, options: LoadOptions = {}): Promise<T[]> {
  const { accounts } = await loadWithProgress(ctx, path, options, (file, csvOptions) => loadAccountsCsvAs(file, keep, csvOptions));
  return accounts;
}

export async function loadOpportunities(ctx: CommandContext, path: string, options: LoadOptions = {}): Promise<Opportunity[]> {
  const { opportunities } = await loadWithProgress(ctx, path, options, loadOpportunitiesCsv);
  return opportunities;
}
