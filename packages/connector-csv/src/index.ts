export { importAccountsCsv, loadAccountsCsv, loadAccountsCsvAs, convertAccountRow } from "./accounts.ts";
export { importOpportunitiesCsv, loadOpportunitiesCsv, convertOpportunityRow } from "./opportunities.ts";
export { readCsvRecords, formatProblem } from "./read-records.ts";
export type {
  CsvImportOptions,
  CsvImportReport,
  CsvProblem,
  CsvProgress,
  RecordSink,
  RowConverter,
} from "./read-records.ts";
export { CANONICAL_HEADERS, REQUIRED_HEADERS, normalizeHeader, planColumns } from "./headers.ts";
export type { RecordKind, CanonicalField, ColumnPlan, OverrideLabel } from "./headers.ts";
export { sniffDelimiter } from "./source-file.ts";
