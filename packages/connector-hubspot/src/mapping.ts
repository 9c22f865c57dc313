import type { Account, AccountStatus, Opportunity } from "@mutual/core";
import { AppError } from "@mutual/core";

/** Which HubSpot properties feed Mutual's canonical fields, and how lifecycle stages become statuses. */
export interface HubSpotFieldMapping {
  /** Property holding the website; falls back to `domain` when empty. */
  website: string;
  icpScore?: string;
  tier?: string;
  /** Lifecycle stage -> account status; stages not listed are prospects. */
  statusByLifecycleStage: Record<string, AccountStatus>;
  /** Extra company properties kept in `Account.custom`. */
  customCompanyProperties: string[];
  /**
   * Deal property holding the lead source (e.g. a custom "lead_source" or "partner_source"). HubSpot
   * deals have no standard one, so it is off unless configured.
   */
  dealLeadSource?: string;
}

export const DEFAULT_MAPPING: HubSpotFieldMapping = {
  website: "website",
  statusByLifecycleStage: { customer: "customer", evangelist: "customer", opportunity: "opportunity" },
  customCompanyProperties: [],
};

const BASE_COMPANY = ["name", "domain", "country", "state", "city", "phone", "lifecyclestage", "hs_parent_company_id"];
const BASE_DEAL = ["dealname", "dealstage", "amount", "deal_currency_code", "createdate", "closedate", "hs_is_closed", "hs_is_closed_won"];

export function companyPropertiesOf(mapping: HubSpotFieldMapping): string[] {
  const extra = [mapping.website, mapping.icpScore, mapping.tier, ...mapping.customCompanyProperties];
  return [...new Set([...BASE_COMPANY, ...extra.filter((p): p is string => Boolean(p))])];
}

export function dealPropertiesOf(mapping: Pick<HubSpotFieldMapping, "dealLeadSource"> = {}): string[] {
  return mapping.dealLeadSource ? [...new Set([...BASE_DEAL, mapping.dealLeadSource])] : BASE_DEAL;
}

/** Fails with one line per configured property HubSpot does not have. */
export function validateMapping(mapping: HubSpotFieldMapping, companyProperties: ReadonlySet<string>, dealProperties: ReadonlySet<string>): void {
  const problems = [
    ...companyPropertiesOf(mapping).filter((p) => !companyProperties.has(p)).map((p) => `companies: no property '${p}'`),
    ...dealPropertiesOf(mapping).filter((p) => !dealProperties.has(p)).map((p) => `deals: no property '${p}'`),
  ];
  if (problems.length > 0) {
    throw new AppError("invalid_input", "HubSpot field mapping names properties that do not exist", { details: problems });
  }
}

type Properties = Record<string, string | null | undefined>;

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function toAccount(id: string, properties: Properties, mapping: HubSpotFieldMapping): Account {
  const icp = mapping.icpScore ? Number(text(properties[mapping.icpScore])) : Number.NaN;
  const stage = text(properties.lifecyclestage);
  const custom = Object.fromEntries(
    mapping.customCompanyProperties.map((p) => [p, text(properties[p])]).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const account: Account = {
    id,
    name: text(properties.name) ?? text(properties.domain) ?? `HubSpot company ${id}`,
    website: text(properties[mapping.website]) ?? text(properties.domain),
    country: text(properties.country),
    state: text(properties.state),
    city: text(properties.city),
    phone: text(properties.phone),
    parentId: text(properties.hs_parent_company_id),
    status: stage ? (mapping.statusByLifecycleStage[stage] ?? "prospect") : "prospect",
    icpScore: Number.isFinite(icp) ? Math.min(100, Math.max(0, icp)) : undefined,
    tier: mapping.tier ? text(properties[mapping.tier]) : undefined,
    custom: Object.keys(custom).length > 0 ? custom : undefined,
  };
  // Leave out absent optionals so records compare and serialize cleanly.
  return Object.fromEntries(Object.entries(account).filter(([, v]) => v !== undefined)) as Account;
}

export function toOpportunity(
  id: string,
  accountId: string,
  properties: Properties,
  mapping: Pick<HubSpotFieldMapping, "dealLeadSource"> = {},
): Opportunity {
  const stage = text(properties.dealstage) ?? "unknown";
  const isWon = properties.hs_is_closed_won === "true" || stage === "closedwon";
  const isClosed = isWon || properties.hs_is_closed === "true" || stage === "closedlost";
  const amount = Number(text(properties.amount));
  const opportunity: Opportunity = {
    id,
    accountId,
    name: text(properties.dealname) ?? `HubSpot deal ${id}`,
    stage,
    amount: Number.isFinite(amount) && amount >= 0 ? amount : undefined,
    currency: text(properties.deal_currency_code)?.toUpperCase(),
    createdAt: text(properties.createdate),
    closeDate: text(properties.closedate),
    isClosed,
    isWon,
    leadSource: mapping.dealLeadSource ? text(properties[mapping.dealLeadSource]) : undefined,
  };
  return Object.fromEntries(Object.entries(opportunity).filter(([, v]) => v !== undefined)) as Opportunity;
}
