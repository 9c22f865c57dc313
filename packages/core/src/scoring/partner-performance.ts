import { z } from "zod";
import { CurrencyCodeSchema, type Opportunity } from "../model/opportunity.ts";
import { dayNumberOf, formatDay, subtractMonths, toDayNumber } from "../attribution/day-math.ts";
import { convertToOrgCurrency, ExchangeRateSchema, toMinorUnits } from "../attribution/money.ts";

export const PartnerPerformanceOptionsSchema = z.object({
  /** Closed deals whose close date is within this many months up to now. */
  windowMonths: z.number().int().positive().default(12),
  /** Below this many closed deals in a cohort there is no score. */
  minClosedDeals: z.number().int().positive().default(10),
  orgCurrency: CurrencyCodeSchema.default("USD"),
  rates: z.array(ExchangeRateSchema).default([]),
});
export type PartnerPerformanceOptions = z.infer<typeof PartnerPerformanceOptionsSchema>;

export interface CohortStats {
  closedDeals: number;
  wonDeals: number;
  /** won / closed, full precision; null without closed deals. */
  winRate: number | null;
  /** Mean amount of won deals in minor units of the org currency (full precision). */
  averageDealSizeMinor: number | null;
  /** Mean days from creation to close of won deals. */
  averageDaysToClose: number | null;
}

export type PartnerPerformance =
  | {
      partnerId: string;
      status: "scored";
      window: { from: string; to: string };
      overlapping: CohortStats;
      nonOverlapping: CohortStats;
      /** Overlapping minus non-overlapping (win rate, days) and the deal size ratio. */
      comparison: { winRateDelta: number | null; dealSizeRatio: number | null; daysToCloseDelta: number | null };
      unconvertedOpportunityIds: string[];
    }
  | {
      partnerId: string;
      status: "insufficient_data";
      window: { from: string; to: string };
      overlapping: CohortStats;
      nonOverlapping: CohortStats;
      /** "insufficient data: 4 closed deals on accounts overlapping the partner (minimum 10)". */
      message: string;
      unconvertedOpportunityIds: string[];
    };

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function summarize(deals: readonly Opportunity[], options: PartnerPerformanceOptions, unconverted: string[]): CohortStats {
  const won = deals.filter((d) => d.isWon);
  const sizes: number[] = [];
  const days: number[] = [];
  for (const deal of won) {
    if (deal.amount !== undefined) {
      const currency = deal.currency ?? options.orgCurrency;
      const conversion = convertToOrgCurrency(
        { minor: toMinorUnits(deal.amount, currency), currency },
        options.orgCurrency,
        deal.closeDate,
        options.rates,
      );
      if (conversion.ok) sizes.push(conversion.money.minor);
      else unconverted.push(deal.id);
    }
    if (deal.createdAt !== undefined && deal.closeDate !== undefined) {
      days.push(toDayNumber(deal.closeDate) - toDayNumber(deal.createdAt));
    }
  }
  return {
    closedDeals: deals.length,
    wonDeals: won.length,
    winRate: deals.length === 0 ? null : won.length / deals.length,
    averageDealSizeMinor: mean(sizes),
    averageDaysToClose: mean(days),
  };
}

/**
 * How my deals on accounts overlapping a partner perform against my other deals, over the window
 * ending `now`: win rate, average deal size, days to close. Too few closed deals: no score.
 */
export function computePartnerPerformance(
  input: { partnerId: string; opportunities: readonly Opportunity[]; overlappingAccountIds: Iterable<string> },
  options: PartnerPerformanceOptions,
  now: Date,
): PartnerPerformance {
  const overlappingIds = new Set(input.overlappingAccountIds);
  const fromDay = subtractMonths(now, options.windowMonths);
  const toDay = dayNumberOf(now);
  const inWindow = input.opportunities.filter((o) => {
    if (!o.isClosed || o.closeDate === undefined) return false;
    const day = toDayNumber(o.closeDate);
    return day >= fromDay && day <= toDay;
  });
  const unconverted: string[] = [];
  const overlapping = summarize(inWindow.filter((o) => overlappingIds.has(o.accountId)), options, unconverted);
  const nonOverlapping = summarize(inWindow.filter((o) => !overlappingIds.has(o.accountId)), options, unconverted);
  const window = { from: formatDay(fromDay), to: formatDay(toDay) };
  const base = { partnerId: input.partnerId, window, overlapping, nonOverlapping, unconvertedOpportunityIds: unconverted };

  const short = [
    { stats: overlapping, what: "on accounts overlapping the partner" },
    { stats: nonOverlapping, what: "on accounts not overlapping the partner" },
  ].find((c) => c.stats.closedDeals < options.minClosedDeals);
  if (short) {
    return {
      ...base,
      status: "insufficient_data",
      message: `insufficient data: ${short.stats.closedDeals} closed deals ${short.what} (minimum ${options.minClosedDeals})`,
    };
  }
  const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  return {
    ...base,
    status: "scored",
    comparison: {
      winRateDelta: delta(overlapping.winRate, nonOverlapping.winRate),
      dealSizeRatio:
        overlapping.averageDealSizeMinor === null || !nonOverlapping.averageDealSizeMinor
          ? null
          : overlapping.averageDealSizeMinor / nonOverlapping.averageDealSizeMinor,
      daysToCloseDelta: delta(overlapping.averageDaysToClose, nonOverlapping.averageDaysToClose),
    },
  };
}
