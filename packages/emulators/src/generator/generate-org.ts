import { intBetween, pick, randomFor, type Random } from "./random.ts";
import {
  ACCOUNT_TYPES,
  COUNTRIES,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  LEAD_SOURCES,
  NAME_CORES,
  NAME_PREFIXES,
  OPEN_STAGES,
  OPPORTUNITY_KINDS,
} from "./vocabulary.ts";

export interface OrgGeneratorOptions {
  seed?: number;
  accounts: number;
  /** Total opportunities (default: two per account on average). */
  opportunities?: number;
  /** Number of sales reps owning records (default: one per 500 accounts, 3..200). */
  owners?: number;
  /** Dates are spread before and after this day (default 2026-11-01); no wall clock is read. */
  referenceDate?: string;
  /** Owners' e-mail domain (default example.com). */
  ownerEmailDomain?: string;
}

export interface GeneratedOwner {
  index: number;
  firstName: string;
  lastName: string;
  email: string;
}

export interface GeneratedAccount {
  index: number;
  name: string;
  /** As a rep would type it: www., schemes, paths, capitals, or missing. */
  website: string | undefined;
  /** The clean registrable domain behind the website. */
  domain: string;
  countryCode: string;
  country: string;
  state: string | undefined;
  city: string;
  phone: string | undefined;
  industry: string;
  employees: number;
  annualRevenue: number;
  type: string;
  ownerIndex: number;
  createdAt: string;
}

export interface GeneratedOpportunity {
  index: number;
  accountIndex: number;
  name: string;
  stage: string;
  probability: number;
  type: string;
  amount: number | undefined;
  currency: string;
  createdAt: string;
  closeDate: string;
  isClosed: boolean;
  isWon: boolean;
  ownerIndex: number;
  /** Absent on about a third of the deals (lead source left empty), like real CRM data. */
  leadSource: string | undefined;
}

const DAY_MS = 86_400_000;
const ACCOUNT_STREAM = 1;
const OPPORTUNITY_STREAM = 2;
const OWNER_STREAM = 3;
const COUNTRY_WEIGHT_TOTAL = COUNTRIES.reduce((sum, c) => sum + c.weight, 0);

function resolve(options: OrgGeneratorOptions) {
  return {
    seed: options.seed ?? 1,
    accounts: options.accounts,
    opportunities: options.opportunities ?? options.accounts * 2,
    owners: options.owners ?? Math.min(200, Math.max(3, Math.ceil(options.accounts / 500))),
    referenceMs: Date.parse(`${options.referenceDate ?? "2026-11-01"}T00:00:00.000Z`),
    ownerEmailDomain: options.ownerEmailDomain ?? "example.com",
  };
}

function pickCountry(random: Random) {
  let roll = random() * COUNTRY_WEIGHT_TOTAL;
  for (const country of COUNTRIES) {
    roll -= country.weight;
    if (roll < 0) return country;
  }
  return COUNTRIES[0];
}

/** A unique company name for every index: word pairs first, then triples, then numbered. */
function composeName(index: number): string {
  const p = NAME_PREFIXES.length;
  const c = NAME_CORES.length;
  const pairs = p * c;
  if (index < pairs) {
    const combo = (index * 7919) % pairs; // scramble so neighbouring ids do not share words
    return `${NAME_PREFIXES[combo % p]} ${NAME_CORES[Math.floor(combo / p)]}`;
  }
  const triples = p * p * c;
  const j = (index - pairs) % triples;
  const round = Math.floor((index - pairs) / triples);
  const combo = (j * 7919) % triples;
  const first = NAME_PREFIXES[combo % p] as string;
  const second = (NAME_PREFIXES[Math.floor(combo / p) % p] as string).toLowerCase();
  const core = NAME_CORES[Math.floor(combo / (p * p))] as string;
  return `${first}${second} ${core}${round > 0 ? ` ${round + 1}` : ""}`;
}

function noisyWebsite(random: Random, domain: string, separator: string, name: string): string | undefined {
  const roll = random();
  if (roll < 0.08) return undefined;
  if (roll < 0.3) return `www.${domain}`;
  if (roll < 0.42) return `https://www.${domain}`;
  if (roll < 0.5) return `http://${domain}/`;
  if (roll < 0.55) return `https://${domain}/en/home`;
  if (roll < 0.6) {
    // Capitalised as in the company name: AcmeLogistics.com
    const camel = name.split(/[^A-Za-z0-9]+/).join(separator);
    return `${camel}${domain.slice(domain.indexOf("."))}`;
  }
  return domain;
}

function phoneNumber(random: Random, dial: string): string | undefined {
  if (random() < 0.15) return undefined;
  const digits = Array.from({ length: 9 }, () => intBetween(random, 0, 9)).join("");
  const style = random();
  if (style < 0.4) return `${dial} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  if (style < 0.7) return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
  return `${dial}${digits}`;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function generateOwners(options: OrgGeneratorOptions): GeneratedOwner[] {
  const o = resolve(options);
  return Array.from({ length: o.owners }, (_, index) => {
    const random = randomFor(o.seed, OWNER_STREAM, index);
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "");
    return { index, firstName, lastName, email: `${local}${index}@${o.ownerEmailDomain}` };
  });
}

/** The first draws of an account (country, name): all an opportunity needs of its account. */
function accountBasics(seed: number, index: number) {
  const random = randomFor(seed, ACCOUNT_STREAM, index);
  const country = pickCountry(random);
  const base = composeName(index);
  const suffix = pick(random, country.suffixes);
  return { random, country, base, name: suffix ? `${base} ${suffix}` : base };
}

/** Account `index` of the org, computed on its own (random access, no state). */
export function generateAccount(options: OrgGeneratorOptions, index: number): GeneratedAccount {
  const o = resolve(options);
  const { random, country, base, name } = accountBasics(o.seed, index);
  const separator = random() < 0.2 ? "-" : "";
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, separator);
  const domain = `${slug}.${country.tld}`;
  const employees = Math.round(10 * 2 ** (random() * 14));
  return {
    index,
    name,
    website: noisyWebsite(random, domain, separator, base),
    domain,
    countryCode: country.code,
    country: country.name,
    state: country.states.length > 0 ? pick(random, country.states) : undefined,
    city: pick(random, country.cities),
    phone: phoneNumber(random, country.dial),
    industry: pick(random, INDUSTRIES),
    employees,
    annualRevenue: Math.round(employees * intBetween(random, 80, 400)) * 1000,
    type: pick(random, ACCOUNT_TYPES),
    ownerIndex: intBetween(random, 0, o.owners - 1),
    createdAt: new Date(o.referenceMs - Math.floor(random() * 5 * 365 * DAY_MS)).toISOString(),
  };
}

/** Opportunity `index` of the org; its account is drawn from the org's accounts. */
export function generateOpportunity(options: OrgGeneratorOptions, index: number): GeneratedOpportunity {
  const o = resolve(options);
  const random = randomFor(o.seed, OPPORTUNITY_STREAM, index);
  const accountIndex = intBetween(random, 0, Math.max(0, o.accounts - 1));
  const account = accountBasics(o.seed, accountIndex);
  const country = account.country;
  const createdMs = o.referenceMs - Math.floor(random() * 2 * 365 * DAY_MS);
  const closeMs = createdMs + intBetween(random, 15, 240) * DAY_MS;
  const isClosed = closeMs < o.referenceMs;
  const isWon = isClosed && random() < 0.35;
  const open = pick(random, OPEN_STAGES);
  const kind = pick(random, OPPORTUNITY_KINDS);
  const amount = random() < 0.05 ? undefined : Math.round((2_000 * 2 ** (random() * 8)) / 100) * 100;
  return {
    index,
    accountIndex,
    name: `${account.name} - ${kind}`,
    stage: isClosed ? (isWon ? "Closed Won" : "Closed Lost") : open.stage,
    probability: isClosed ? (isWon ? 100 : 0) : open.probability,
    type: kind,
    amount,
    currency: country.currency,
    createdAt: new Date(createdMs).toISOString(),
    closeDate: isoDate(closeMs),
    isClosed,
    isWon,
    ownerIndex: intBetween(random, 0, o.owners - 1),
    // Drawn last so every earlier field keeps its value for a given seed.
    leadSource: random() < 0.35 ? undefined : pick(random, LEAD_SOURCES),
  };
}

/** Streams the org's accounts; memory stays flat for any size. */
export function* generateAccounts(options: OrgGeneratorOptions): Generator<GeneratedAccount> {
  for (let index = 0; index < options.accounts; index++) yield generateAccount(options, index);
}

/** Streams the org's opportunities; memory stays flat for any size. */
export function* generateOpportunities(options: OrgGeneratorOptions): Generator<GeneratedOpportunity> {
  const total = resolve(options).opportunities;
  if (options.accounts <= 0) return;
  for (let index = 0; index < total; index++) yield generateOpportunity(options, index);
}
