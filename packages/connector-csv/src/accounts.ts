import { AccountSchema, type Account } from "@mutual/core";
import { RowReader, toCanonicalField } from "./convert.ts";
import type { ColumnPlan } from "./headers.ts";
import { readCsvRecords, type CsvImportOptions, type CsvImportReport, type RecordSink, type RowConverter } from "./read-records.ts";
import { parseNumber, parseStatus } from "./values.ts";

export const convertAccountRow: RowConverter<Account> = (cells: readonly string[], plan: ColumnPlan) => {
  const row = new RowReader(cells, plan);
  const candidate = {
    id: row.text("id"),
    name: row.text("name"),
    website: row.text("website"),
    country: row.text("country"),
    state: row.text("state"),
    city: row.text("city"),
    phone: row.text("phone"),
    parentId: row.text("parent_id"),
    status: row.typed("status", parseStatus),
    ownerEmail: row.text("owner_email"),
    icpScore: row.typed("icp_score", parseNumber),
    tier: row.text("tier"),
    custom: row.custom(),
  };
  return row.validate(AccountSchema, candidate, toCanonicalField);
};

/** Streams the accounts of a CSV file into `sink` (see readCsvRecords for the all-or-nothing contract). */
export function importAccountsCsv(
  file: string,
  sink: RecordSink<Account>,
  options?: CsvImportOptions,
): Promise<CsvImportReport> {
  return readCsvRecords("account", file, convertAccountRow, sink, options);
}

/** Reads a whole account file into memory; a repeated id is reported like any other bad row. */
export function loadAccountsCsv(file: string, options: CsvImportOptions = {}): Promise<{ accounts: Account[]; report: CsvImportReport }> {
  return loadAccountsCsvAs(file, (account) => account, options);
}

/**
 * Like loadAccountsCsv, keeping only what `keep` returns for each account as it is read: a caller that needs a
 * few fields of a million-row file does not hold the parsed accounts meanwhile.
 */
export async function loadAccountsCsvAs<T>(
  file: string,
  keep: (account: Account) => T,
  options: CsvImportOptions = {},
): Promise<{ accounts: T[]; report: CsvImportReport }> {
  const accounts: T[] = [];
  const firstLineById = new Map<string, number>();
  const report = await importAccountsCsv(
    file,
    (account, line) => {
      const first = firstLineById.get(account.id);
      if (first !== undefined) return `duplicate id '${account.id}' (first on line ${first})`;
      firstLineById.set(account.id, line);
      accounts.push(keep(account));
    },
    options,
  );
  return { accounts, report };
}
