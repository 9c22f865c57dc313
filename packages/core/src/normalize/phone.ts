import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { readNationalNumber } from "./national-phone.ts";

export interface NormalizedPhone {
  /** E.164 form ("+13125550100") when the number is valid for its (or the default) country. */
  e164?: string;
  /** The last 7 digits: the subscriber part, comparable when one side omits the area or country code. */
  local: string;
}

/**
 * Normalizes a phone number with libphonenumber-js: E.164 when valid, plus the local digits. Undefined
 * when the text holds fewer than 7 digits. `defaultCountry` (ISO alpha-2) reads national numbers.
 */
export function normalizePhone(raw: string | undefined, defaultCountry?: string): NormalizedPhone | undefined {
  if (!raw) return undefined;
  const digits = raw.replace(/\D/g, "");
  if (digits.length < 7) return undefined;
  // Without an area code the number cannot be valid anywhere: skip the parser.
  if (digits.length < 8) return { local: digits };
  // Fast paths for the common shapes (the full parser costs ~40 us a number): already international, or a
  // North American 10-digit number read with a US/CA default.
  if (/^\s*\+[\d\s().-]+$/.test(raw) && digits.length >= 8 && digits.length <= 15 && !digits.startsWith("0")) {
    if (!digits.startsWith("1") || (digits.length === 11 && /^1[2-9]\d{2}[2-9]/.test(digits))) {
      return { e164: `+${digits}`, local: digits.slice(-7) };
    }
  }
  if ((defaultCountry === "US" || defaultCountry === "CA") && /^[\d\s().-]+$/.test(raw)) {
    const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
    if (/^[2-9]\d{2}[2-9]\d{6}$/.test(national)) return { e164: `+1${national}`, local: national.slice(-7) };
  }
  // National format of the record's country ("020 7946 0958"): an exact cheap check before the full parser.
  if (defaultCountry && digits.charCodeAt(0) === 48 && /^[\d\s().-]+$/.test(raw)) {
    const e164 = readNationalNumber(digits, defaultCountry);
    if (e164 === null) return { local: digits.slice(-7) };
    if (e164 !== undefined) return { e164, local: digits.slice(-7) };
  }
  // Without a country and without a leading + no number is valid: skip the parser (and the error it throws).
  if (!defaultCountry && !/[+\uFF0B]/.test(raw)) return { local: digits.slice(-7) };
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode | undefined);
  if (parsed?.isValid()) return { e164: parsed.number, local: parsed.nationalNumber.slice(-7) };
  return { local: digits.slice(-7) };
}
