import { describe, expect, it } from "vitest";
import { convertToOrgCurrency, currencyDigits, ExchangeRateSchema, formatMoney, toMinorUnits } from "./money.ts";

const rates = [
  { currency: "EUR", validFrom: "2026-01-01", validTo: "2026-01-31", rate: 1.1 },
  { currency: "EUR", validFrom: "2026-02-01", validTo: "2026-02-28", rate: 1.2 },
  { currency: "JPY", validFrom: "2026-01-01", validTo: "2026-12-31", rate: 0.0067 },
  { currency: "GBP", validFrom: "2026-03-01", validTo: "2026-03-31", rate: 1.3 },
  { currency: "GBP", validFrom: "2026-03-15", validTo: "2026-03-15", rate: 1.31 },
].map((r) => ExchangeRateSchema.parse(r));

describe("minor units", () => {
  it.each([
    ["USD", 1.005, 101],
    ["USD", 0.1 + 0.2, 30],
    ["JPY", 1234, 1234],
    ["KWD", 1.2345, 1235],
  ] as const)("%s %d -> %d", (currency, amount, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it("knows currency digits", () => {
    expect([currencyDigits("JPY"), currencyDigits("USD"), currencyDigits("KWD")]).toEqual([0, 2, 3]);
    expect(formatMoney({ minor: 123450, currency: "EUR" })).toBe("1234.50 EUR");
  });
});

describe("convertToOrgCurrency", () => {
  it.each([
    { name: "first day of a period", date: "2026-01-01", minor: 11000 },
    { name: "last day of a period", date: "2026-01-31", minor: 11000 },
    { name: "next period", date: "2026-02-01", minor: 12000 },
    { name: "timestamp on the close day", date: "2026-02-28T23:30:00Z", minor: 12000 },
  ])("EUR 100 at the close date's rate: $name", ({ date, minor }) => {
    const result = convertToOrgCurrency({ minor: 10000, currency: "EUR" }, "USD", date, rates);
    expect(result.ok && result.money).toEqual({ minor, currency: "USD" });
  });

  it("shifts between currencies with different minor digits", () => {
    const result = convertToOrgCurrency({ minor: 1_000_000, currency: "JPY" }, "USD", "2026-06-01", rates);
    expect(result.ok && result.money.minor).toBe(670_000);
  });

  it.each([
    { name: "no rate for the day", money: { minor: 1, currency: "EUR" }, date: "2026-03-01", reason: "no EUR->USD rate for 2026-03-01" },
    { name: "no close date", money: { minor: 1, currency: "EUR" }, date: undefined, reason: "no close date to pick a EUR->USD rate" },
    { name: "unknown currency", money: { minor: 1, currency: "CHF" }, date: "2026-01-05", reason: "no CHF->USD rate for 2026-01-05" },
    { name: "two rates disagree", money: { minor: 1, currency: "GBP" }, date: "2026-03-15", reason: "2 different GBP->USD rates cover 2026-03-15" },
  ])("flags instead of guessing: $name", ({ money, date, reason }) => {
    expect(convertToOrgCurrency(money, "USD", date, rates)).toEqual({ ok: false, reason });
  });

  it("needs no rate for the org currency", () => {
    const result = convertToOrgCurrency({ minor: 5, currency: "USD" }, "USD", undefined, []);
    expect(result.ok && result.money.minor).toBe(5);
  });
});
