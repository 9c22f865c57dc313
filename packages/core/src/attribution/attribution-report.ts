import { z } from "zod";
import type { OpportunityAttribution } from "./attribute-opportunity.ts";

export const ReportPeriodSchema = z.enum(["month", "quarter", "year"]);
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

/** "2026-03", "2026-Q1" or "2026" of a date or timestamp (UTC). */
export function periodOf(date: string, period: ReportPeriod): string {
  const d = new Date(Date.parse(date));
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  if (period === "year") return String(year);
  if (period === "quarter") return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, "0")}`;
}

export interface AttributionReportRow {
  partnerId: string;
  period: string;
  currency: string;
  /** Open opportunities, by the period they were created in (minor units of the org currency). */
  sourcedPipelineMinor: number;
  influencedPipelineMinor: number;
  /** Won opportunities, by the period they closed in. */
  sourcedRevenueMinor: number;
  influencedRevenueMinor: number;
  opportunityIds: string[];
}

export interface AttributionReport {
  rows: AttributionReportRow[];
  /** Credited opportunities left out of the sums, with why (no amount, no rate, no date). */
  excluded: { opportunityId: string; partnerId: string; reason: string }[];
}

/**
 * Partner-sourced and partner-influenced pipeline (open deals, by created period) and revenue
 * (won deals, by close period) per partner and period. Lost deals count in neither.
 */
export function buildAttributionReport(
  attributions: readonly OpportunityAttribution[],
  options: { period: ReportPeriod; currency: string },
): AttributionReport {
  const rows = new Map<string, AttributionReportRow>();
  const excluded: AttributionReport["excluded"] = [];
  for (const attribution of attributions) {
    if (attribution.state === "lost") continue;
    const date = attribution.state === "open" ? attribution.createdAt : attribution.closeDate;
    for (const credit of attribution.credits) {
      const reason =
        credit.share === null
          ? (attribution.flags.find((f) => f.kind === "missing_rate" || f.kind === "missing_amount")?.message ?? "no value")
          : date === undefined
            ? `no ${attribution.state === "open" ? "created" : "close"} date`
            : undefined;
      if (reason !== undefined || credit.share === null || date === undefined) {
        excluded.push({ opportunityId: attribution.opportunityId, partnerId: credit.partnerId, reason: reason ?? "no value" });
        continue;
      }
      const period = periodOf(date, options.period);
      const key = `${credit.partnerId}\u0000${period}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          partnerId: credit.partnerId,
          period,
          currency: options.currency,
          sourcedPipelineMinor: 0,
          influencedPipelineMinor: 0,
          sourcedRevenueMinor: 0,
          influencedRevenueMinor: 0,
          opportunityIds: [],
        };
        rows.set(key, row);
      }
      const field =
        attribution.state === "open"
          ? credit.kind === "sourced" ? "sourcedPipelineMinor" : "influencedPipelineMinor"
          : credit.kind === "sourced" ? "sourcedRevenueMinor" : "influencedRevenueMinor";
      row[field] += credit.share.minor;
      if (!row.opportunityIds.includes(attribution.opportunityId)) row.opportunityIds.push(attribution.opportunityId);
    }
  }
  const sorted = [...rows.values()].sort((a, b) =>
    a.partnerId === b.partnerId ? (a.period < b.period ? -1 : 1) : a.partnerId < b.partnerId ? -1 : 1,
  );
  return { rows: sorted, excluded };
}
