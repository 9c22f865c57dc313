import { describe, expect, it } from "vitest";
import { normalizeCountry } from "./country.ts";
import { normalizePhone } from "./phone.ts";
import { normalizePostalCode, normalizeStreetAddress } from "./address.ts";

describe("normalizePhone", () => {
  it.each([
    ["+1 (415) 555-0132", undefined, "+14155550132"],
    ["(415) 555-0132", "US", "+14155550132"],
    ["020 7946 0958", "GB", "+442079460958"],
    ["+44 20 7946 0958", undefined, "+442079460958"],
    ["01 42 68 53 00", "FR", "+33142685300"],
  ])("%s (%s) -> %s", (raw, country, e164) => {
    expect(normalizePhone(raw, country)?.e164).toBe(e164);
  });

  it("keeps the local digits of numbers without an area code", () => {
    expect(normalizePhone("535-4565")).toEqual({ local: "5354565" });
    expect(normalizePhone("12")).toBeUndefined();
  });
});

describe("normalizeCountry", () => {
  it.each([
    ["US", "US"], ["USA", "US"], ["United States", "US"], ["united states of america", "US"], ["U.S.A.", "US"],
    ["Germany", "DE"], ["DEU", "DE"], ["UK", "GB"], ["United Kingdom", "GB"], ["Atlantis", undefined], ["", undefined],
  ])("%s -> %s", (input, code) => expect(normalizeCountry(input)).toBe(code));
});

describe("addresses", () => {
  it("keys streets by house number and street name", () => {
    expect(normalizeStreetAddress("4754 N. Leavitt St")).toBe("4754 leavitt");
    expect(normalizeStreetAddress("4754 North Leavitt Street Suite 2")).toBe("4754 leavitt");
    expect(normalizeStreetAddress("PO Box")).toBeUndefined();
    expect(normalizePostalCode("60625-1234")).toBe("60625");
    expect(normalizePostalCode("sw1a 1aa")).toBe("SW1A1AA");
    // Street names closed up without type, unit or ordinal suffix; a range keeps its first number.
    expect(normalizeStreetAddress("1900 W Van Buren St")).toBe("1900 vanburen");
    expect(normalizeStreetAddress("1900 West VanBuren Street 1608")).toBe("1900 vanburen");
    expect(normalizeStreetAddress("3450-54 West 79th Street")).toBe("3450 79");
    expect(normalizeStreetAddress("532 W. 95th St. Ground Floor")).toBe("532 95");
    expect(normalizeStreetAddress("1 Court Street")).toBe("1 court");
  });
});

describe("normalizePhone fast paths agree with libphonenumber-js", () => {
  it("a number without + and without a country is never valid", async () => {
    const { parsePhoneNumberFromString } = await import("libphonenumber-js/min");
    const fc = (await import("fast-check")).default;
    const chars = fc.constantFrom("0", "1", "2", "4", "5", "7", "9", " ", "(", ")", "-", ".", "x", "tel:", "#");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }).map((a) => a.join("")), (raw) => {
        expect(parsePhoneNumberFromString(raw)?.isValid() ?? false).toBe(false);
        expect(normalizePhone(raw)?.e164).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
