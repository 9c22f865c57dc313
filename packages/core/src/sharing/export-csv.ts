import type { SharedView } from "./apply-sharing-policy.ts";

export type CsvCell = string | number | boolean | null | undefined;

/** Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP). */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * Neutralizes text a spreadsheet would run as a formula, per the OWASP CSV injection guidance:
 * a cell starting with = + - @ tab or carriage return gets a leading single quote, which
 * spreadsheets show as text. The original text follows unchanged.
 */
export function neutralizeSpreadsheetCell(text: string): string {
  return FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

/**
 * One CSV cell: text is neutralized and always double-quoted (quotes doubled), so separators,
 * quotes and line breaks inside it can neither start a new cell nor a new row. Numbers and booleans
 * from typed fields are written bare (a typed -5 is a number, not a formula); missing is empty.
 */
export function formatCsvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return String(cell);
  return `"${neutralizeSpreadsheetCell(cell).replaceAll('"', '""')}"`;
}

/** RFC 4180 CSV (CRLF line ends, trailing CRLF) with every text cell neutralized. */
export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(formatCsvCell).join(",") + "\r\n").join("");
}

/**
 * The overlap list of a shared view as CSV: one row per visible record, one column per field any
 * record shows (first-seen order), then the populations it is visible through, whether it overlaps,
 * and the viewer's matching account ids. Only what `applySharingPolicy` let through can appear.
 */
export function formatSharedViewCsv(view: SharedView): string {
  const names = new Map(view.populations.map((population) => [population.populationId, population.name]));
  const fields = [...new Set(view.records.flatMap((record) => Object.keys(record.fields)))];
  const header: CsvCell[] = [...fields, "populations", "overlapping", "your_account_ids"];
  const rows = view.records.map((record): CsvCell[] => [
    ...fields.map((field) => record.fields[field]),
    record.populationIds.map((id) => names.get(id) ?? id).join("; "),
    record.overlapping,
    record.viewerAccountIds.join("; "),
  ]);
  return formatCsv([header, ...rows]);
}
