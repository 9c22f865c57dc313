import { describe, expect, it } from "vitest";
import { CellError, inferClosedWon, parseBoolean, parseDate, parseNumber, parseStatus } from "./values.ts";

describe("parseStatus", () => {
  it.each([
    ["customer", "customer"],
    ["Customer - Direct", "customer"],
    ["Customer - Channel", "customer"],
    ["evangelist", "customer"],
    ["Opportunity", "opportunity"],
    ["salesqualifiedlead", "opportunity"],
    ["Prospect", "prospect"],
    ["lead", "prospect"],
    ["marketingqualifiedlead", "prospect"],
    ["Channel Partner / Reseller", "prospect"],
    ["Other", "prospect"],
  ])("%s -> %s", (raw, expected) => {
    expect(parseStatus(raw)).toBe(expected);
  });

  it("refuses values it cannot place", () => {
    expect(() => parseStatus("banana")).toThrow(CellError);
    expect(() => parseStatus("banana")).toThrow("unknown status 'banana'");
  });
});

describe("parseNumber", () => {
  it.each([
    ["42", 42],
    ["-3.5", -3.5],
    [".5", 0.5],
    ["1,250,000.75", 1250000.75],
    ["$1,250.00", 1250],
    ["EUR 900", 900],
    ["€ 12", 12],
  ])("%s -> %s", (raw, expected) => {
    expect(parseNumber(raw)).toBe(expected);
  });

  it.each(["12a", "1,2,3", "1.2.3", "--1", "12,50"])("refuses %s", (raw) => {
    expect(() => parseNumber(raw)).toThrow(CellError);
  });
});

describe("parseBoolean", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["Yes", true],
    ["1", true],
    ["false", false],
    ["no", false],
    ["0", false],
  ])("%s -> %s", (raw, expected) => {
    expect(parseBoolean(raw)).toBe(expected);
  });

  it("refuses other words", () => {
    expect(() => parseBoolean("maybe")).toThrow("not a boolean");
  });
});

describe("parseDate", () => {
  it("keeps calendar dates and normalizes timestamps to UTC", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2024-03-01T10:00:00+02:00")).toBe("2024-03-01T08:00:00.000Z");
    expect(parseDate("2024-03-01 10:00")).toBe("2024-03-01T10:00:00.000Z");
  });

  it.each(["2023-02-29", "3/4/2024", "2024-13-01", "yesterday"])("refuses %s", (raw) => {
    expect(() => parseDate(raw)).toThrow(CellError);
  });
});

describe("inferClosedWon", () => {
  it.each([
    ["Closed Won", { isClosed: true, isWon: true }],
    ["closedwon", { isClosed: true, isWon: true }],
    ["Closed Lost", { isClosed: true, isWon: false }],
    ["closedlost", { isClosed: true, isWon: false }],
    ["Negotiation/Review", { isClosed: false, isWon: false }],
    ["appointmentscheduled", { isClosed: false, isWon: false }],
  ])("%s", (stage, expected) => {
    expect(inferClosedWon(stage)).toEqual(expected);
  });
});
