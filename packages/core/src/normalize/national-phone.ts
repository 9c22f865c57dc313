import { Metadata } from "libphonenumber-js/core";
import minMetadata from "libphonenumber-js/min/metadata";

/**
 * A cheap exact check for the commonest slow case of phone parsing: a national-format number ("020 7946 0958")
 * of the record's own country. libphonenumber-js spends ~35 us on one (fresh metadata objects, country lookup,
 * a regular expression compiled per call); here the same numbering-plan rules of the same metadata are compiled
 * once per country. Only numbers whose reading is simple qualify: the country's national-prefix rule strips exactly
 * the leading "0" (no captured group, so no transform rule applies), and the country is the main one of its
 * calling code (so the number's country is not guessed among several). A number passing the check is one libphonenumber reads as valid with the same E.164 form
 * (a fast-check property in phone-country.test.ts compares the two); anything else goes to the full parser.
 */
interface Plan {
  callingCode: string;
  /** libphonenumber's national-prefix-for-parsing rule, anchored at the start as the parser applies it. */
  prefix: RegExp;
  /** The country's international call prefix ("00", Israel's "01[2-9]"): a number starting so is read as foreign. */
  idd: RegExp;
  /** The national (significant) number pattern, anchored. */
  general: RegExp;
  /** Per-type patterns and lengths, in libphonenumber's order; empty when the plan has no types. */
  types: { pattern: RegExp; lengths: readonly number[] | undefined }[];
  /** The patterns of every country of the calling code: a number valid anywhere fits one of them. */
  shared: Pick<Plan, "general" | "types">[];
}

/** The types getNumberType tries, fixed line first (its result only matters as "some type matched"). */
const TYPES = ["FIXED_LINE", "MOBILE", "PREMIUM_RATE", "TOLL_FREE", "SHARED_COST", "VOIP", "PERSONAL_NUMBER", "PAGER", "UAN", "VOICEMAIL"];

/** The subset of libphonenumber-js's Metadata numbering-plan API read here (typed loosely in its .d.ts). */
interface NumberingPlanView {
  callingCode(): string;
  nationalPrefix(): string | undefined;
  _nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  nationalNumberPattern(): string;
  IDDPrefix(): string;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

const plans = new Map<string, Plan | null>();

/** A country's numbering plan in the parser's own metadata set (min), read through libphonenumber's Metadata class. */
function numberingPlanOf(country: string): NumberingPlanView {
  const metadata = new (Metadata as unknown as new (json: unknown) => { selectNumberingPlan(c: string): void; numberingPlan?: NumberingPlanView })(minMetadata);
  metadata.selectNumberingPlan(country);
  return metadata.numberingPlan!;
}

function loadPlan(country: string): Plan | null {
  const json = minMetadata as unknown as { countries: Record<string, unknown>; country_calling_codes: Record<string, string[]> };
  if (!json.countries[country]) return null;
  const plan = numberingPlanOf(country);
  const callingCode = plan.callingCode();
  const countries = json.country_calling_codes[callingCode] ?? [];
  if (countries[0] !== country) return null;
  const prefix = plan._nationalPrefixForParsing() ?? plan.nationalPrefix();
  if (!prefix) return null;
  // The country is the main one of its calling code: the first of the shared plans.
  const shared = countries.map((code) => patternsOf(code === country ? plan : numberingPlanOf(code)));
  return { callingCode, prefix: new RegExp(`^(?:${prefix})`), idd: new RegExp(`^(?:${plan.IDDPrefix()})`), ...shared[0]!, shared };
}

function patternsOf(plan: NumberingPlanView): Pick<Plan, "general" | "types"> {
  const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);
  const types: Plan["types"] = [];
  if (plan.hasTypes()) {
    for (const name of TYPES) {
      const type = plan.type(name);
      const pattern = type?.pattern();
      if (type && pattern) types.push({ pattern: anchored(pattern), lengths: type.possibleLengths() });
    }
  }
  return { general: anchored(plan.nationalNumberPattern()), types };
}

/** Whether a national number fits the country's pattern and one of its types (any number, without types). */
function fits(patterns: Pick<Plan, "general" | "types">, national: string): boolean {
  if (!patterns.general.test(national)) return false;
  if (patterns.types.length === 0) return true;
  for (const { pattern, lengths } of patterns.types) {
    if (lengths && !lengths.includes(national.length)) continue;
    if (pattern.test(national)) return true;
  }
  return false;
}

/**
 * E.164 form of a national-format number of `country` ("0" trunk prefix, digits only, at least 8 so the national
 * number keeps 7 local digits) when the cheap check proves libphonenumber would read it as valid; null when it
 * proves libphonenumber would read it as invalid (neither the number nor the number without its "0" fits the
 * national number pattern of any country of the calling code: "020 9271 5819" in GB, where the full parser
 * spends ~45 us to say so); undefined when the full parser must decide.
 */
export function readNationalNumber(digits: string, country: string): string | null | undefined {
  if (digits.length < 8 || digits.length > 17 || digits.charCodeAt(0) !== 48 || digits.charCodeAt(1) === 48) return undefined;
  let plan = plans.get(country);
  if (plan === undefined) {
    plan = loadPlan(country);
    plans.set(country, plan);
  }
  if (plan === null) return undefined;
  if (plan.idd.test(digits)) return undefined;
  const stripped = plan.prefix.exec(digits);
  if (stripped === null || stripped[0] !== "0" || stripped.some((group, i) => i > 0 && group !== undefined)) return undefined;
  const national = digits.slice(1);
  if (!fits(plan, national)) {
    // Invalid everywhere (with or without the "0"), or a question for the full parser.
    for (const patterns of plan.shared) if (fits(patterns, national) || fits(patterns, digits)) return undefined;
    return null;
  }
  return `+${plan.callingCode}${national}`;
}
