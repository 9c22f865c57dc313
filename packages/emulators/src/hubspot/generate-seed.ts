import {
  generateAccounts,
  generateOpportunities,
  type GeneratedAccount,
  type GeneratedOpportunity,
} from "../generator/generate-org.ts";
import type { HubSpotSeed, HubSpotSeedDeal, HubSpotSeedRecord } from "./types.ts";

/** HubSpot-looking ids: companies and deals live in different numeric ranges. */
const COMPANY_ID_BASE = 10_000_000;
const DEAL_ID_BASE = 50_000_000;

export function companyIdOf(index: number): string {
  return String(COMPANY_ID_BASE + index);
}

function lifecycleStageOf(account: GeneratedAccount): string {
  if (account.type.startsWith("Customer")) return "customer";
  if (account.type === "Partner") return "evangelist";
  if (account.type === "Other") return "other";
  return "lead";
}

/** HubSpot's default pipeline stage for a generated opportunity (by win state, then probability). */
function dealStageOf(opportunity: GeneratedOpportunity): string {
  if (opportunity.isClosed) return opportunity.isWon ? "closedwon" : "closedlost";
  const p = opportunity.probability;
  if (p < 20) return "appointmentscheduled";
  if (p < 40) return "qualifiedtobuy";
  if (p < 60) return "presentationscheduled";
  if (p < 80) return "decisionmakerboughtin";
  return "contractsent";
}

function compact(properties: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).filter((e): e is [string, string] => e[1] !== undefined));
}

function toCompany(account: GeneratedAccount): HubSpotSeedRecord {
  return {
    id: companyIdOf(account.index),
    properties: compact({
      name: account.name,
      domain: account.domain,
      website: account.website,
      country: account.country,
      state: account.state,
      city: account.city,
      phone: account.phone,
      industry: account.industry,
      lifecyclestage: lifecycleStageOf(account),
      numberofemployees: String(account.employees),
      annualrevenue: String(account.annualRevenue),
    }),
    createdAt: account.createdAt,
    updatedAt: account.createdAt,
  };
}

function toDeal(opportunity: GeneratedOpportunity): HubSpotSeedDeal {
  return {
    id: String(DEAL_ID_BASE + opportunity.index),
    properties: compact({
      dealname: opportunity.name,
      amount: opportunity.amount === undefined ? undefined : String(opportunity.amount),
      deal_currency_code: opportunity.currency,
      dealstage: dealStageOf(opportunity),
      pipeline: "default",
      closedate: `${opportunity.closeDate}T00:00:00.000Z`,
      hs_is_closed: String(opportunity.isClosed),
      hs_is_closed_won: String(opportunity.isWon),
    }),
    createdAt: opportunity.createdAt,
    updatedAt: opportunity.createdAt,
    companyIds: [companyIdOf(opportunity.accountIndex)],
  };
}

/** A HubSpot account seeded from the shared realistic-org generator (deals default to two per company). */
export function generateHubSpotSeed(options: { companies: number; deals?: number; seed?: number }): HubSpotSeed {
  const generator = { seed: options.seed, accounts: options.companies, opportunities: options.deals };
  return {
    companies: Array.from(generateAccounts(generator), toCompany),
    deals: Array.from(generateOpportunities(generator), toDeal),
  };
}
