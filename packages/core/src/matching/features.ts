import { normalizeStreetAddress, normalizePostalCode } from "../normalize/address.ts";
import { parseCompanyDomain } from "../normalize/company-domain.ts";
import { normalizeCompanyName } from "../normalize/company-name.ts";
import { normalizeCountry } from "../normalize/country.ts";
import { normalizePhone } from "../normalize/phone.ts";
import { foldText } from "../normalize/text.ts";
import type { MatchRecord } from "./types.ts";

/** A record's normalized matching features, computed once. */
export interface RecordFeatures {
  side: 0 | 1;
  id: string;
  record: MatchRecord;
  nameKey: string;
  /**
   * Distinct tokens of the name and its aliases, sorted, so sums over shared tokens run in one order whichever
   * side comes first ("Legacy Charter (at Mason School)" carries mason).
   */
  tokens: string[];
  aliases: string[];
  legalForms: string[];
  domain?: string;
  stem?: string;
  phoneE164?: string;
  phoneLocal?: string;
  country?: string;
  city?: string;
  street?: string;
  postalCode?: string;
  parentId?: string;
  /** Company domain of the record's parent in the same list, when known. */
  parentDomain?: string;
}

/** Normalizes one record for matching. */
export function extractFeatures(record: MatchRecord, side: 0 | 1, defaultPhoneCountry?: string): RecordFeatures {
  const name = normalizeCompanyName(record.name);
  const { domain, stem } = parseCompanyDomain(record.website);
  const country = normalizeCountry(record.country);
  const phone = normalizePhone(record.phone, country ?? defaultPhoneCountry);
  const features: RecordFeatures = {
    side,
    id: record.id,
    record,
    nameKey: name.key,
    tokens: sortedTokens(name.tokens, name.aliases),
    aliases: name.aliases,
    legalForms: name.legalForms,
  };
  if (domain) features.domain = domain;
  if (stem && stem.length >= 3) features.stem = stem;
  if (phone?.e164) features.phoneE164 = phone.e164;
  if (phone) features.phoneLocal = phone.local;
  if (country) features.country = country;
  const city = record.city ? foldText(record.city) : "";
  if (city) features.city = city;
  const street = normalizeStreetAddress(record.street);
  if (street) features.street = street;
  const postalCode = normalizePostalCode(record.postalCode);
  if (postalCode) features.postalCode = postalCode;
  if (record.parentId) features.parentId = record.parentId;
  return features;
}

function sortedTokens(tokens: readonly string[], aliases: readonly string[]): string[] {
  if (aliases.length === 0 && tokens.length <= 1) return [...tokens];
  const all = new Set(tokens);
  for (const alias of aliases) for (const token of alias.split(" ")) all.add(token);
  return [...all].sort();
}
