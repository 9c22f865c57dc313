import { AppError } from "@mutual/core";
import { readCsvRows } from "./csv-rows.ts";
import { planColumns, type ColumnPlan, type OverrideLabel, type RecordKind } from "./headers.ts";
import { inspectSourceFile } from "./source-file.ts";

export interface CsvProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface CsvImportOptions {
  /** canonical field -> header in the file (`--map website="Company URL"`). */
  map?: Readonly<Partial<Record<string, string>>>;
  /** How messages write one override; default the CLI's `--map field="Header"`. */
  describeOverride?: OverrideLabel;
  /** Import the valid rows and report the others instead of rejecting the whole file. */
  skipInvalid?: boolean;
  /** Called every few thousand rows and once at the end. */
  onProgress?: (progress: CsvProgress) => void;
  /** How many problems are listed (the rest are only counted); keeps memory bounded on broken files. */
  maxListedProblems?: number;
  /** Longest row accepted, in bytes (default 16 MiB): an unclosed quote fails there instead of buffering the file. */
  maxRowBytes?: number;
}

export interface CsvProblem {
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  /** 1-based column, when the problem is in one cell. */
  column?: number;
  header?: string;
  reason: string;
}

export interface CsvImportReport {
  file: string;
  delimiter: string;
  /** Data rows read (header excluded). */
  rowsRead: number;
  imported: number;
  skipped: number;
  /** The first problems (see maxListedProblems); `problemCount` has them all. */
  problems: CsvProblem[];
  problemCount: number;
}

/** A problem in one cell, raised by a row converter. */
export interface CellProblem {
  column?: number;
  reason: string;
}

/** Receives each valid record; returning a string rejects the row with that reason (e.g. a duplicate id). */
export type RecordSink<T> = (record: T, line: number) => void | string | Promise<void | string>;

export type RowConverter<T> = (cells: readonly string[], plan: ColumnPlan) => { value: T } | { problems: CellProblem[] };

const PROGRESS_EVERY_ROWS = 5_000;

export function formatProblem(problem: CsvProblem): string {
  const where = problem.column === undefined ? "" : `, column ${problem.column}${problem.header ? ` (${problem.header})` : ""}`;
  return `${problem.file}: line ${problem.line}${where}: ${problem.reason}`;
}

/**
 * Streams a CSV file through a row converter into `sink`, in bounded memory. Without `skipInvalid`, any bad
 * row rejects the file: every problem is listed and the call throws after the whole file was checked, so a
 * caller that wraps the sink in a transaction imports all rows or none. `sink` stops being called at the
 * first bad row in that mode.
 */
export async function readCsvRecords<T>(
  kind: RecordKind,
  file: string,
  convert: RowConverter<T>,
  sink: RecordSink<T>,
  options: CsvImportOptions = {},
): Promise<CsvImportReport> {
  const { size, delimiter } = await inspectSourceFile(file);
  const maxListed = options.maxListedProblems ?? 1_000;
  const report: CsvImportReport = { file, delimiter, rowsRead: 0, imported: 0, skipped: 0, problems: [], problemCount: 0 };
  const addProblem = (problem: CsvProblem) => {
    report.problemCount += 1;
    if (report.problems.length < maxListed) report.problems.push(problem);
  };

  let bytesRead = 0;
  let plan: ColumnPlan | undefined;
  try {
    for await (const { cells: record, line } of readCsvRows(file, delimiter, (bytes) => (bytesRead = bytes), options.maxRowBytes)) {
      if (!plan) {
        plan = planColumns(kind, record, options.map ?? {}, file, options.describeOverride);
        continue;
      }
      report.rowsRead += 1;

      const rowProblems: CellProblem[] = [];
      if (record.length !== plan.headers.length) {
        rowProblems.push({
          reason: `has ${record.length} fields but the header has ${plan.headers.length} (check quoting and the delimiter '${printable(delimiter)}')`,
        });
      } else {
        const converted = convert(record, plan);
        if ("value" in converted) {
          if (report.problemCount === 0 || options.skipInvalid) {
            const rejection = await sink(converted.value, line);
            if (typeof rejection === "string") rowProblems.push({ column: plan.fields.get("id"), reason: rejection });
            else report.imported += 1;
          }
        } else {
          rowProblems.push(...converted.problems);
        }
      }
      if (rowProblems.length > 0) {
        report.skipped += 1;
        for (const problem of rowProblems) {
          addProblem({
            file,
            line,
            reason: problem.reason,
            ...(problem.column === undefined ? {} : { column: problem.column + 1, header: plan.headers[problem.column] }),
          });
        }
      }
      if (report.rowsRead % PROGRESS_EVERY_ROWS === 0) options.onProgress?.({ rowsRead: report.rowsRead, bytesRead, totalBytes: size });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("invalid_input", `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  options.onProgress?.({ rowsRead: report.rowsRead, bytesRead, totalBytes: size });

  if (!plan) throw new AppError("invalid_input", `${file}: the file is empty (expected a header row)`);
  if (report.problemCount > 0 && !options.skipInvalid) {
    const more = report.problemCount - report.problems.length;
    throw new AppError(
      "invalid_data",
      `${file}: ${report.skipped} of ${report.rowsRead} rows are invalid; nothing imported (use --skip-invalid to import the valid rows)`,
      { details: [...report.problems.map(formatProblem), ...(more > 0 ? [`... and ${more} more problems`] : [])] },
    );
  }
  return report;
}

function printable(delimiter: string): string {
  return delimiter === "\t" ? "\\t" : delimiter;
}
