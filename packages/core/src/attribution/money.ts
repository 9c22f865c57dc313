import { z } from "zod";
import { toDayNumber } from "./day-math.ts";

/** Money as an integer number of minor units (cents) so sums and splits never drift. */
export interface Money {
  minor: number;
  currency: string;
}

// Building an Intl.NumberFormat costs ~50 us; attribution asks for the same few currencies millions of times.
const digitsByCurrency = new Map<string, number>();

/** Minor-unit digits of an ISO 4217 currency from the runtime's ICU data (JPY 0, USD 2, KWD 3). */

export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

// toPrecision(15) first: 1.005 * 100 is 100.49999999999999 in binary, which a person means as 100.5.
function roundScaled(value: number): number {
  return Math.round(Number(value.toPrecision(15)));
}

export function toMinorUnits(amount: number, currency: string): number {
  return roundScaled(amount * 10 ** currencyDigits(currency));
}

export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** "1234.50 EUR" (display only). */
export function formatMoney(money: Money): string {
  return `${fromMinorUnits(money.minor, money.currency).toFixed(currencyDigits(money.currency))} ${money.currency}`;
}

/**
 * One admin-supplied rate: 1 unit of `currency` = `rate` units of the org currency, for close
 * dates from `validFrom` to `validTo` inclusive (a day, a month, ...).
 */
export const ExchangeRateSchema = z
  .object({
    currency: z.string().regex(/^[A-Za-z]{3}$/).transform((c) => c.toUpperCase()),
    validFrom: z.iso.date(),
    validTo: z.iso.date(),
    rate: z.number().finite().positive(),
  })
  .refine((r) => r.validFrom <= r.validTo, { message: "validFrom is after validTo", path: ["validTo"] });
export type ExchangeRate = z.infer<typeof ExchangeRateSchema>;

export type ConversionResult =
  | { ok: true; money: Money; rate: number; evidence: string }
  | { ok: false; reason: string };

/**
 * Converts into the org currency at the rate valid on `date` (the close date). A missing or
 * ambiguous rate is reported, never guessed from a neighbouring period.
 */
export function convertToOrgCurrency(
  money: Money,
  orgCurrency: string,
  date: string | undefined,
  rates: readonly ExchangeRate[],
): ConversionResult {
  if (money.currency === orgCurrency) return { ok: true, money, rate: 1, evidence: `amount already in ${orgCurrency}` };
  if (date === undefined) return { ok: false, reason: `no close date to pick a ${money.currency}->${orgCurrency} rate` };
  const day = toDayNumber(date);
  const matches = rates.filter(
    (r) => r.currency === money.currency && toDayNumber(r.validFrom) <= day && day <= toDayNumber(r.validTo),
  );
  const dayText = date.slice(0, 10);
  if (matches.length === 0) return { ok: false, reason: `no ${money.currency}->${orgCurrency} rate for ${dayText}` };
  const distinct = new Set(matches.map((r) => r.rate));
  if (distinct.size > 1) {
    return { ok: false, reason: `${distinct.size} different ${money.currency}->${orgCurrency} rates cover ${dayText}` };
  }
  const rate = matches[0]!.rate;
  const digitShift = currencyDigits(orgCurrency) - currencyDigits(money.currency);
  const minor = roundScaled(money.minor * rate * 10 ** digitShift);
  return {
    ok: true,
    money: { minor, currency: orgCurrency },
    rate,
    evidence: `converted ${formatMoney(money)} at ${rate} (${money.currency}->${orgCurrency} rate for ${dayText})`,
  };
}
