import type { MatchRecord } from "../src/matching/types.ts";

/** Small deterministic PRNG (mulberry32) so every run generates the same lists. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ac me glo bex ini tech um bre lla hoo li van de lay pie pi per sta rk wa yne cy ber dy ne tyr ell so ylent".split(" ");
const WORDS = "global systems labs partners group solutions analytics software health logistics energy foods capital".split(" ");
const FORMS = ["Inc", "Inc.", "Incorporated", "Corp", "Corporation", "LLC", "Ltd", "GmbH", "", "", ""];
/** Country code, name, share of companies, dialling code, trunk-prefixed area code and subscriber digits. */
const COUNTRIES = [
  { code: "US", name: "United States", share: 0.6, dial: "1", area: "", digits: 10 },
  { code: "GB", name: "United Kingdom", share: 0.15, dial: "44", area: "20", digits: 8 },
  { code: "DE", name: "Germany", share: 0.13, dial: "49", area: "30", digits: 8 },
  { code: "FR", name: "France", share: 0.12, dial: "33", area: "1", digits: 8 },
] as const;

interface Company {
  stem: string;
  words: string;
  form: string;
  tld: string;
  country: number;
  phone: string;
}

function makeCompany(i: number, random: () => number): Company {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  // A unique stem per company (syllables + base-36 index) so companies are distinct, names realistic-ish.
  const stem = `${pick(SYLLABLES)}${pick(SYLLABLES)}${i.toString(36)}`;
  let country = 0;
  for (let r = random(); country < COUNTRIES.length - 1 && r >= COUNTRIES[country]!.share; country++) r -= COUNTRIES[country]!.share;
  return {
    stem,
    words: random() < 0.6 ? pick(WORDS) : "",
    form: pick(FORMS),
    tld: random() < 0.8 ? "com" : pick(["co.uk", "de", "io", "net"]),
    country,
    phone: makePhone(COUNTRIES[country]!, random),
  };
}

/** A national number of the country: a valid-looking US number (area and exchange 2-9xx) or area + subscriber. */
function makePhone(country: (typeof COUNTRIES)[number], random: () => number): string {
  const digit = () => String(Math.floor(random() * 10));
  if (country.code === "US") {
    const three = () => `${2 + Math.floor(random() * 8)}${digit()}${digit()}`;
    return `${three()}${three()}${Array.from({ length: 4 }, digit).join("")}`;
  }
  return `${country.area}${2 + Math.floor(random() * 8)}${Array.from({ length: country.digits - 1 }, digit).join("")}`;
}

/** A phone as CRMs hold it: international or national format, spaced or punctuated. */
function formatPhone(c: Company, random: () => number): string {
  const { code, dial } = COUNTRIES[c.country]!;
  const p = c.phone;
  if (code === "US") return random() < 0.5 ? `+1 ${p}` : `(${p.slice(0, 3)}) ${p.slice(3, 6)}-${p.slice(6)}`;
  if (random() < 0.5) return `+${dial} ${p.slice(0, 2)} ${p.slice(2, 6)} ${p.slice(6)}`;
  return `0${p.slice(0, 2)} ${p.slice(2, 6)} ${p.slice(6)}`;
}

/** One CRM record of a company with realistic noise: URL shapes, case, legal forms, typos, gaps. */
function makeRecord(id: string, c: Company, random: () => number): MatchRecord {
  const name = `${c.stem[0]!.toUpperCase()}${c.stem.slice(1)}${c.words ? ` ${c.words}` : ""}`;
  let shown = random() < 0.5 ? name : random() < 0.5 ? name.toUpperCase() : name.toLowerCase();
  if (random() < 0.05) {
    const at = 1 + Math.floor(random() * (shown.length - 2));
    shown = shown.slice(0, at) + shown.slice(at + 1); // typo: a dropped letter
  }
  const form = random() < 0.5 ? c.form : "";
  const r = random();
  let website: string | undefined;
  if (r < 0.75) {
    const host = `${c.stem}.${c.tld}`;
    website = random() < 0.3 ? `https://www.${host}/about` : random() < 0.5 ? `www.${host}` : host;
  } else if (r < 0.8) website = `info.${c.stem}@gmail.com`;
  const { code, name: countryName } = COUNTRIES[c.country]!;
  const country = random() < 0.8 ? (random() < 0.5 ? code : countryName) : undefined;
  const phone = random() < 0.6 ? formatPhone(c, random) : undefined;
  // The shape the account loaders give the matcher (`matchRecordOf`: services' load-accounts, the CLI): every field
  // present, undefined when empty. Records of mixed shapes would make each field read a megamorphic lookup.
  return { id, name: form ? `${shown} ${form}` : shown, website, country, state: undefined, city: undefined, phone, parentId: undefined, street: undefined, postalCode: undefined };
}

/**
 * Two lists of `size` records each: 30% of left companies also in the right list, 5% of records
 * duplicated inside their list, with the noise of makeRecord. Returns the lists and the true overlap.
 */
export function generateLists(size: number, seed = 42): { left: MatchRecord[]; right: MatchRecord[]; overlap: number } {
  const random = createRandom(seed);
  const left: MatchRecord[] = [];
  const right: MatchRecord[] = [];
  const shared = Math.floor(size * 0.3);
  let companyId = 0;
  const fill = (list: MatchRecord[], prefix: string, companies: Company[]) => {
    for (const c of companies) {
      if (list.length >= size) break;
      list.push(makeRecord(`${prefix}${list.length}`, c, random));
      if (random() < 0.05 && list.length < size) list.push(makeRecord(`${prefix}${list.length}`, c, random));
    }
  };
  const common = Array.from({ length: shared }, () => makeCompany(companyId++, random));
  const onlyLeft = Array.from({ length: size - shared }, () => makeCompany(companyId++, random));
  const onlyRight = Array.from({ length: size - shared }, () => makeCompany(companyId++, random));
  fill(left, "L", [...common, ...onlyLeft]);
  fill(right, "R", [...common, ...onlyRight]);
  return { left, right, overlap: shared };
}
