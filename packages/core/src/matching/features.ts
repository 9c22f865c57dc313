import { normalizePostalCode, normalizeStreetAddress } from "../normalize/address.ts";
import { parseCompanyDomain } from "../normalize/company-domain.ts";
import { normalizeCompanyName } from "../normalize/company-name.ts";
import { normalizeCountry } from "../normalize/country.ts";
import { normalizePhone } from "../normalize/phone.ts";
import { foldText } from "../normalize/text.ts";
import type { MatchRecord } from "./types.ts";

/**
 * A record's normalized matching features, computed once. Every field is always present (undefined when
 * unknown) so all records share one object shape and the scorer's property reads stay monomorphic.
 */
export interface RecordFeatures {
  /** Number of the account list the record is in (see MatchSpace); -1 until it is added to one. */
  list: number;
  id: string;
  /** The name as given (evidence tells "same name" from "names agree after normalization"). */
  name: string;
  nameKey: string;
  /**
   * Distinct tokens of the name and its aliases, sorted, so sums over shared tokens run in one order whichever
   * side comes first ("Legacy Charter (at Mason School)" carries mason).
   */
  tokens: string[];
  aliases: string[];
  legalForms: string[];
  domain: string | undefined;
  stem: string | undefined;
  phoneE164: string | undefined;
  phoneLocal: string | undefined;
  country: string | undefined;
  city: string | undefined;
  street: string | undefined;
  postalCode: string | undefined;
  parentId: string | undefined;
  /** Company domain of the record's parent in the same list, when known (set by the index). */
  parentDomain: string | undefined;
}

/** One shared empty list for the many records without aliases or legal forms (fewer live objects at 1M). */
const NONE: string[] = Object.freeze([]) as unknown as string[];

/** Normalizes one record for matching. */
export function extractFeatures(record: MatchRecord, list: number, defaultPhoneCountry?: string): RecordFeatures {
  const name = normalizeCompanyName(record.name);
  const { domain, stem } = parseCompanyDomain(record.website);
  const country = normalizeCountry(record.country);
  const phone = normalizePhone(record.phone, country ?? defaultPhoneCountry);
  return {
    list,
    id: record.id,
    name: record.name,
    nameKey: name.key,
    tokens: sortedTokens(name.tokens, name.aliases),
    aliases: name.aliases.length === 0 ? NONE : name.aliases,
    legalForms: name.legalForms.length === 0 ? NONE : name.legalForms.length === 1 ? oneForm(name.legalForms[0]!) : name.legalForms,
    domain,
    stem: stem !== undefined && stem.length >= 3 ? stem : undefined,
    phoneE164: phone?.e164,
    phoneLocal: phone?.local,
    country,
    city: record.city ? foldText(record.city) || undefined : undefined,
    street: normalizeStreetAddress(record.street),
    postalCode: normalizePostalCode(record.postalCode),
    parentId: record.parentId || undefined,
    parentDomain: undefined,
  };
}

/** A copy of a record's features for another list, with the same shape (same fields in the same order). */
export function copyFeatures(f: RecordFeatures, list: number): RecordFeatures {
  return {
    list,
    id: f.id,
    name: f.name,
    nameKey: f.nameKey,
    tokens: f.tokens,
    aliases: f.aliases,
    legalForms: f.legalForms,
    domain: f.domain,
    stem: f.stem,
    phoneE164: f.phoneE164,
    phoneLocal: f.phoneLocal,
    country: f.country,
    city: f.city,
    street: f.street,
    postalCode: f.postalCode,
    parentId: f.parentId,
    parentDomain: undefined,
  };
}

/** One shared list per single legal form class ("corp", "llc", ...): most records with a form have one. */
const SINGLE_FORMS = new Map<string, string[]>();

function oneForm(form: string): string[] {
  let forms = SINGLE_FORMS.get(form);
  if (forms === undefined) {
    forms = Object.freeze([form]) as unknown as string[];
    // Bounded: classes of real forms number a few hundred; anything else is not kept.
    if (SINGLE_FORMS.size < 4096) SINGLE_FORMS.set(form, forms);
  }
  return forms;
}

/**
 * The distinct tokens of a name and its aliases, sorted. `tokens` is the normalizer's own fresh list: a name
 * without aliases is sorted in place.
 */
export function sortedTokens(tokens: string[], aliases: readonly string[]): string[] {
  if (aliases.length === 0 && tokens.length <= 1) return tokens;
  const all = aliases.length === 0 ? tokens : [...tokens, ...aliases.flatMap((alias) => alias.split(" "))];
  if (all.length <= 8) sortSmall(all);
  else all.sort();
  // Drop repeats in place (the list is sorted): no Set per record.
  let kept = 0;
  for (const token of all) if (kept === 0 || all[kept - 1] !== token) all[kept++] = token;
  all.length = kept;
  return all;
}

/** Insertion sort by code units, like Array.prototype.sort without a comparator: cheaper for a few tokens. */
function sortSmall(list: string[]): void {
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    let k = i - 1;
    for (; k >= 0 && list[k]! > item; k--) list[k + 1] = list[k]!;
    list[k + 1] = item;
  }
}
