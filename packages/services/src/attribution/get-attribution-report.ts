import { buildAttributionReport, ReportPeriodSchema } from "@mutual/core";
import type { AttributionReport, AttributionReportRow } from "@mutual/core";
import { getOrganization, listAttributions, listPartners } from "@mutual/db";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";

export const GetAttributionReportInputSchema = z
  .object({
    orgId: z.string().min(1),
    period: ReportPeriodSchema.default("month"),
    /** Inclusive day range on the date each deal counts at: created (open) or closed (won). */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    partnerId: z.string().min(1).optional(),
  })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: "from is after to", path: ["to"] });
export type GetAttributionReportInput = z.input<typeof GetAttributionReportInputSchema>;

export interface AttributionReportView {
  currency: string;
  period: z.output<typeof ReportPeriodSchema>;
  rows: (AttributionReportRow & { partnerName: string })[];
  /** Credited deals left out of the sums (missing rate, amount or date), with why. */
  excluded: AttributionReport["excluded"];
}

/**
 * Partner-sourced and partner-influenced pipeline (open deals, by created period) and revenue (won
 * deals, by close period) per partner and period, from the stored attributions (recomputeAttribution).
 */
export async function getAttributionReport(ctx: ServiceContext, input: GetAttributionReportInput): Promise<AttributionReportView> {
  const parsed = parseServiceInput(GetAttributionReportInputSchema, input, "attribution report request");
  const organization = await getOrganization(ctx.db, parsed.orgId);
  const names = new Map((await listPartners(ctx.db, parsed.orgId)).map((p) => [p.id, p.name]));
  const inRange = (date: string | undefined) => {
    if (date === undefined) return true; // kept so the report lists it as excluded (no date)
    const day = date.slice(0, 10);
    return (parsed.from === undefined || day >= parsed.from) && (parsed.to === undefined || day <= parsed.to);
  };
  const attributions = (await listAttributions(ctx.db, parsed.orgId))
    .filter((a) => inRange(a.state === "open" ? a.createdAt : a.closeDate))
    .map((a) => ({
      ...a,
      review: [],
      credits: parsed.partnerId === undefined ? a.credits : a.credits.filter((c) => c.partnerId === parsed.partnerId),
    }));
  const report = buildAttributionReport(attributions, { period: parsed.period, currency: organization.currency });
  return {
    currency: organization.currency,
    period: parsed.period,
    rows: report.rows.map((row) => ({ ...row, partnerName: names.get(row.partnerId) ?? row.partnerId })),
    excluded: report.excluded,
  };
}
