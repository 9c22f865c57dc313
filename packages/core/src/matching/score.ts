import type { RecordFeatures } from "./features.ts";
import { nameLevel, SHARED_CARRIERS, tokenLevel, type Frequencies } from "./frequencies.ts";
import { isTypo } from "./typo.ts";

/** Evidence bits set by scorePair, turned into words only for pairs that are written. */
export const Evidence = {
  domainSame: 1 << 0,
  domainWeak: 1 << 1,
  domainConflict: 1 << 2,
  stemSame: 1 << 3,
  nameExact: 1 << 4,
  nameAlias: 1 << 5,
  nameClose: 1 << 6,
  nameTypo: 1 << 7,
  nameContains: 1 << 8,
  namePartial: 1 << 9,
  nameDiffer: 1 << 10,
  phoneSame: 1 << 11,
  phoneLocal: 1 << 12,
  phoneConflict: 1 << 13,
  streetSame: 1 << 14,
  streetConflict: 1 << 15,
  postalSame: 1 << 16,
  postalConflict: 1 << 17,
  citySame: 1 << 18,
  cityConflict: 1 << 19,
  countrySame: 1 << 20,
  countryConflict: 1 << 21,
  formSame: 1 << 22,
  formConflict: 1 << 23,
  parentLink: 1 << 24,
  nameCommon: 1 << 25,
} as const;

export interface PairScore {
  /** Log2 likelihood ratio that both records are the same account. */
  account: number;
  /** Log2 likelihood ratio that they belong to one group (parent/subsidiary, country sites of one brand). */
  group: number;
  evidence: number;
}

/**
 * Log2 agreement weights (about log2 m/u: how much likelier the agreement is for one company than for two).
 * An address or a phone alone is not enough; with a name that shares its rare words it is.
 */
const W = {
  phoneSame: 7,
  phoneLocal: 6,
  phoneShared: 2,
  phoneConflict: -1,
  streetSame: 8,
  streetShared: 2,
  streetConflict: -5,
  streetNumberConflict: -3,
  nameClose: 6,
  nameContainsSpecific: 5,
  nameContains: 3,
  namePartial: 2,
  nameWeak: 0,
  nameLoose: -2,
  nameDiffer: -6,
  /** Summed token weight (see tokenWeight) of a name specific enough that containing it is strong. */
  specificName: 24,
};

/** Prior log-odds: a pair needs this much evidence to reach confidence 0.5. */
const PRIOR = 8;

/** Confidence in [0, 1] of a log2 likelihood ratio. */
export function toConfidence(weight: number): number {
  return 1 / (1 + 2 ** (PRIOR - weight));
}

/**
 * Fellegi-Sunter style comparison of two records: per field and agreement level a log2 weight, rarer
 * values weigh more (term frequency), conflicting countries, domains, addresses and legal forms weigh
 * against. Symmetric: scorePair(a, b) and scorePair(b, a) compute the same sums in the same order.
 */
export function scorePair(a: RecordFeatures, b: RecordFeatures, freq: Frequencies): PairScore {
  let account = 0;
  let evidence = 0;
  // Same-group weight: an explicit parent link, or one brand (domain or stem) with agreeing names.
  let brand = Number.NEGATIVE_INFINITY;

  // Domains: a domain many accounts of one side carry (a hosting or reseller domain) is weak evidence.
  if (a.domain && b.domain) {
    if (a.domain === b.domain) {
      if (freq.domain(a.domain) > SHARED_CARRIERS) {
        account += 2;
        evidence |= Evidence.domainWeak;
      } else {
        account += 9;
        brand = 6;
        evidence |= Evidence.domainSame;
      }
    } else if (a.stem !== undefined && a.stem === b.stem) {
      account += 1;
      brand = 8;
      evidence |= Evidence.stemSame;
    } else {
      account -= 5;
      evidence |= Evidence.domainConflict;
    }
  }
  if (
    (a.parentDomain !== undefined && (a.parentDomain === b.domain || a.parentDomain === b.parentDomain)) ||
    (b.parentDomain !== undefined && b.parentDomain === a.domain)
  ) {
    evidence |= Evidence.parentLink;
  }

  const name = compareNames(a, b, freq);
  account += name.weight;
  evidence |= name.evidence;
  const group = evidence & Evidence.parentLink ? 12 : brand + Math.min(name.weight, 4);

  if (a.phoneLocal && b.phoneLocal) {
    if (a.phoneLocal === b.phoneLocal) {
      const shared = freq.phone(a.phoneLocal) > SHARED_CARRIERS;
      if (a.phoneE164 && a.phoneE164 === b.phoneE164) {
        account += shared ? W.phoneShared : W.phoneSame;
        evidence |= Evidence.phoneSame;
      } else if (a.phoneE164 && b.phoneE164) {
        evidence |= Evidence.phoneConflict; // same local digits, other country or area code
        account -= 1;
      } else {
        account += shared ? W.phoneShared : W.phoneLocal;
        evidence |= Evidence.phoneLocal;
      }
    } else {
      account += W.phoneConflict;
      evidence |= Evidence.phoneConflict;
    }
  }

  if (a.street && b.street) {
    if (a.street === b.street) {
      account += freq.street(a.street) > SHARED_CARRIERS ? W.streetShared : W.streetSame;
      evidence |= Evidence.streetSame;
    } else {
      // Another number on the same street may be another entrance of one site; another street is another site.
      account += sameStreetName(a.street, b.street) ? W.streetNumberConflict : W.streetConflict;
      evidence |= Evidence.streetConflict;
    }
  }
  if (a.postalCode && b.postalCode) {
    if (a.postalCode === b.postalCode) {
      account += 1;
      evidence |= Evidence.postalSame;
    } else {
      account -= 2;
      evidence |= Evidence.postalConflict;
    }
  }
  if (a.city && b.city) {
    if (a.city === b.city) {
      account += 0.5;
      evidence |= Evidence.citySame;
    } else {
      account -= 2;
      evidence |= Evidence.cityConflict;
    }
  }
  if (a.country && b.country) {
    if (a.country === b.country) {
      account += 0.5;
      evidence |= Evidence.countrySame;
    } else {
      account -= 8;
      evidence |= Evidence.countryConflict;
    }
  }
  if (a.legalForms.length > 0 && b.legalForms.length > 0) {
    if (shareForm(a.legalForms, b.legalForms)) {
      account += 0.5;
      evidence |= Evidence.formSame;
    } else if (!a.legalForms.includes("co") && !b.legalForms.includes("co")) {
      // "Co" is too loose to conflict with anything.
      account -= 2;
      evidence |= Evidence.formConflict;
    }
  }
  return { account, group, evidence };
}

function shareForm(a: readonly string[], b: readonly string[]): boolean {
  for (const form of a) if (b.includes(form)) return true;
  return false;
}

/** Whether one record's name is the other's alias, or both carry one alias. */
function shareAlias(a: RecordFeatures, b: RecordFeatures): boolean {
  if (a.aliases.includes(b.nameKey) || b.aliases.includes(a.nameKey)) return true;
  for (const alias of a.aliases) if (b.aliases.includes(alias)) return true;
  return false;
}

/** Whether two street keys ("4754 leavitt") name the same street. */
function sameStreetName(a: string, b: string): boolean {
  return a.slice(a.indexOf(" ")) === b.slice(b.indexOf(" "));
}

function compareNames(a: RecordFeatures, b: RecordFeatures, freq: Frequencies): { weight: number; evidence: number } {
  if (a.nameKey === "" || b.nameKey === "") return { weight: 0, evidence: 0 };
  if (a.nameKey === b.nameKey) {
    // Term frequency: "Delta" carried by 40 records says less than "Xylophonics" carried by 2.
    const level = nameLevel(freq.name(a.nameKey));
    const weight = Math.min(10, Math.max(3, 12 - level));
    return { weight, evidence: Evidence.nameExact | (level >= 5 ? Evidence.nameCommon : 0) };
  }
  if ((a.aliases.length > 0 || b.aliases.length > 0) && shareAlias(a, b)) {
    return { weight: 6, evidence: Evidence.nameAlias };
  }
  // Token overlap weighted by rarity (IDF): one merge of the two sorted lists, each distinct token's weight
  // read once. Weights are whole numbers, so the sums do not depend on the order they are added in.
  let shared = 0;
  let weightA = 0;
  let weightB = 0;
  const ta = a.tokens;
  const tb = b.tokens;
  let i = 0;
  let j = 0;
  while (i < ta.length || j < tb.length) {
    if (j === tb.length || (i < ta.length && ta[i]! < tb[j]!)) weightA += tokenWeight(ta[i++]!, freq);
    else if (i === ta.length || tb[j]! < ta[i]!) weightB += tokenWeight(tb[j++]!, freq);
    else {
      const w = tokenWeight(ta[i++]!, freq);
      j++;
      weightA += w;
      weightB += w;
      shared += w;
    }
  }
  const dice = (2 * shared) / (weightA + weightB);
  const contains = shared / Math.min(weightA, weightB);
  if (dice >= 0.9) return { weight: W.nameClose, evidence: Evidence.nameClose };
  if (isTypo(a.nameKey, b.nameKey)) return { weight: W.nameClose, evidence: Evidence.nameTypo };
  // One name inside the other ("Mary Crane League" in "Mary Crane League - East"): as strong as the
  // contained name is specific (the rarer its tokens, the more it says).
  if (contains >= 0.99) {
    const specific = Math.min(weightA, weightB);
    const weight = specific >= W.specificName ? W.nameContainsSpecific : specific >= W.specificName / 2 ? W.nameContains : W.namePartial;
    return { weight, evidence: Evidence.nameContains };
  }
  if (dice >= 0.6) return { weight: W.namePartial, evidence: Evidence.namePartial };
  if (dice >= 0.4) return { weight: W.nameWeak, evidence: Evidence.namePartial };
  if (dice >= 0.25) return { weight: W.nameLoose, evidence: Evidence.namePartial };
  return { weight: W.nameDiffer, evidence: Evidence.nameDiffer };
}

/** Inverse-frequency weight of a name token: about -log2(share of records), in whole steps. */
function tokenWeight(token: string, freq: Frequencies): number {
  return Math.max(1, 18 - tokenLevel(freq.token(token)));
}
