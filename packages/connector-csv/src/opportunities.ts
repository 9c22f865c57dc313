import { OpportunitySchema, type Opportunity } from "@mutual/core";
import { RowReader, toCanonicalField } from "./convert.ts";
import type { ColumnPlan } from "./headers.ts";
import { readCsvRecords, type CsvImportOptions, type CsvImportReport, type RecordSink, type RowConverter } from "./read-records.ts";
import { inferClosedWon, parseBoolean, parseDate, parseNumber } from "./values.ts";

export const convertOpportunityRow: RowConverter<Opportunity> = (cells: readonly string[], plan: ColumnPlan) => {
  const row = new RowReader(cells, plan);
  const stage = row.text("stage");
  const inferred = inferClosedWon(stage ?? "");
  const isWon = row.typed("is_won", parseBoolean);
  const isClosed = row.typed("is_closed", parseBoolean) ?? (isWon === true ? true : inferred.isClosed);
  const candidate = {
    id: row.text("id"),
    accountId: row.text("account_id"),
    name: row.text("name"),
    stage,
    amount: row.typed("amount", parseNumber),
    currency: row.text("currency"),
    createdAt: row.typed("created_at", parseDate),
    closeDate: row.typed("close_date", parseDate),
    isClosed,
    isWon: isWon ?? inferred.isWon,
    ownerEmail: row.text("owner_email"),
    partnerId: row.text("partner_id"),
    leadSource: row.text("lead_source"),
  };
  return row.validate(OpportunitySchema, candidate, toCanonicalField);
};

/** Streams the opportunities of a CSV file into `sink` (see readCsvRecords for the all-or-nothing contract). */
export function importOpportunitiesCsv(
  file: string,
  sink: RecordSink<Opportunity>,
  options?: CsvImportOptions,
): Promise<CsvImportReport> {
  return readCsvRecords("opportunity", file, convertOpportunityRow, sink, options);
}

export async function loadOpportunitiesCsv(
  file: string,
  options: CsvImportOptions = {},
): Promise<{ opportunities: Opportunity[]; report: CsvImportReport }> {
  const opportunities: Opportunity[] = [];
  const firstLineById = new Map<string, number>();
  const report = await importOpportunitiesCsv(
    file,
    (opportunity, line) => {
      const first = firstLineById.get(opportunity.id);
      if (first !== undefined) return `duplicate id '${opportunity.id}' (first on line ${first})`;
      firstLineById.set(opportunity.id, line);
      opportunities.push(opportunity);
    },
    options,
  );
  return { opportunities, report };
}
