import { parse } from "csv-parse/sync";

/** Quotes one CSV value the way Bulk API 2.0 writes it (every non-empty value quoted). */
export function quoteCsv(value: string): string {
  return value === "" ? "" : `"${value.replace(/"/g, '""')}"`;
}

export function writeCsvRow(values: readonly string[], lineEnding = "\n"): string {
  return values.map(quoteCsv).join(",") + lineEnding;
}

/** Parses uploaded CSV into a header and rows of text. */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
  const all = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
  const [header = [], ...rows] = all;
  return { header, rows };
}
