import fc from "fast-check";
import { getCountries, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { describe, expect, it } from "vitest";
import { readNationalNumber } from "./national-phone.ts";

describe("readNationalNumber", () => {
  it.each([
    ["02079460958", "GB", "+442079460958"],
    ["0142685300", "FR", "+33142685300"],
    ["030123456", "DE", "+4930123456"],
  ])("%s (%s) -> %s", (digits, country, e164) => expect(readNationalNumber(digits, country)).toBe(e164));

  it("leaves what it cannot prove to the full parser", () => {
    expect(readNationalNumber("4155550132", "US")).toBeUndefined(); // no "0" trunk prefix
    expect(readNationalNumber("00442079460958", "GB")).toBeUndefined(); // international call prefix
    expect(readNationalNumber("0000000000", "FR")).toBeUndefined(); // international call prefix "00"
    expect(readNationalNumber("07624369230", "IM")).toBeUndefined(); // calling code shared, IM not its main country
  });

  it("proves a number invalid when no country of its calling code has such numbers", () => {
    expect(readNationalNumber("02092715819", "GB")).toBeNull(); // London has no 020 9 numbers
    expect(readNationalNumber("01534123456", "GB")).toBeUndefined(); // fits Jersey's numbers (+44 1534)
  });

  it("agrees with libphonenumber-js on every number it reads", () => {
    const countries = getCountries();
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    fc.assert(
      fc.property(
        fc.constantFrom(...countries, "GB", "DE", "FR", "GB", "DE", "FR"),
        fc.array(digit, { minLength: 6, maxLength: 13 }),
        fc.constantFrom("", " ", "-", "."),
        (country, rest, separator) => {
          const digits = `0${rest.join("")}`;
          const fast = readNationalNumber(digits, country);
          if (fast === undefined) return;
          const raw = `${digits.slice(0, 3)}${separator}${digits.slice(3)}`;
          const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
          if (fast === null) {
            expect(parsed?.isValid() ?? false).toBe(false);
            return;
          }
          expect(parsed?.isValid()).toBe(true);
          expect(parsed?.number).toBe(fast);
          expect(parsed?.nationalNumber.slice(-7)).toBe(digits.slice(-7));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
