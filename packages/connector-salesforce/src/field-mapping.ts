import { AppError, type Account, type AccountStatus, type Opportunity } from "@mutual/core";
import type { ObjectDescription } from "@mutual/connector-kit";

/** First rule whose field value is in `values` (case-insensitive) gives the account status. */
export interface AccountStatusRule {
  status: AccountStatus;
  field: string;
  values: string[];
}

/** Which Salesforce fields feed the canonical Account and Opportunity; validated against describe. */
export interface SalesforceFieldMapping {
  account: {
    website: string;
    country: string;
    state: string;
    city: string;
    phone: string;
    parentId: string;
    /** Relationship path, e.g. Owner.Email. */
    ownerEmail?: string;
    icpScore?: string;
    tier?: string;
    statusRules: AccountStatusRule[];
    /** Status when no rule matches. */
    defaultStatus?: AccountStatus;
    /** Extra fields copied into `custom` (for custom populations). */
    custom: string[];
  };
  opportunity: {
    amount: string;
    /** Null in single-currency orgs (which have no CurrencyIsoCode); then defaultCurrency applies. */
    currency: string | null;
    defaultCurrency?: string;
    ownerEmail?: string;
    partnerId?: string;
    /** Standard picklist LeadSource by default; attribution reads partner values from it. */
    leadSource?: string;
  };
}

export const DEFAULT_FIELD_MAPPING: SalesforceFieldMapping = {
  account: {
    website: "Website",
    country: "BillingCountry",
    state: "BillingState",
    city: "BillingCity",
    phone: "Phone",
    parentId: "ParentId",
    ownerEmail: "Owner.Email",
    statusRules: [{ status: "customer", field: "Type", values: ["Customer - Direct", "Customer - Channel", "Customer"] }],
    defaultStatus: "prospect",
    custom: ["Industry", "Type"],
  },
  opportunity: { amount: "Amount", currency: "CurrencyIsoCode", ownerEmail: "Owner.Email", leadSource: "LeadSource" },
};

/** Reads a field path (Owner.Email) from a REST record or a flat Bulk CSV row. */
export type FieldReader = (path: string) => unknown;

const text = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  return s === "" ? undefined : s;
};
const num = (value: unknown): number | undefined => {
  const s = text(value);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};
const bool = (value: unknown): boolean => value === true || value === "true";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function accountFields(mapping: SalesforceFieldMapping): string[] {
  const a = mapping.account;
  const fields = ["Id", "Name", "IsDeleted", "SystemModstamp", a.website, a.country, a.state, a.city, a.phone, a.parentId, a.ownerEmail, a.icpScore, a.tier, ...a.statusRules.map((r) => r.field), ...a.custom];
  return [...new Set(fields.filter((f): f is string => Boolean(f)))];
}

export function opportunityFields(mapping: SalesforceFieldMapping): string[] {
  const o = mapping.opportunity;
  const fields = ["Id", "Name", "IsDeleted", "SystemModstamp", "AccountId", "StageName", "CreatedDate", "CloseDate", "IsClosed", "IsWon", o.amount, o.currency, o.ownerEmail, o.partnerId, o.leadSource];
  return [...new Set(fields.filter((f): f is string => Boolean(f)))];
}

/** Builds the canonical account; optional fields are left out rather than set to undefined. */
export function toAccount(read: FieldReader, mapping: SalesforceFieldMapping): Account {
  const a = mapping.account;
  const account: Account = { id: String(read("Id")), name: text(read("Name")) ?? String(read("Id")) };
  const set = <K extends keyof Account>(key: K, value: Account[K] | undefined) => {
    if (value !== undefined) account[key] = value;
  };
  set("website", text(read(a.website)));
  set("country", text(read(a.country)));
  set("state", text(read(a.state)));
  set("city", text(read(a.city)));
  set("phone", text(read(a.phone)));
  set("parentId", text(read(a.parentId)));
  const email = a.ownerEmail ? text(read(a.ownerEmail)) : undefined;
  if (email && EMAIL.test(email)) account.ownerEmail = email.toLowerCase();
  const icp = a.icpScore ? num(read(a.icpScore)) : undefined;
  if (icp !== undefined && icp >= 0 && icp <= 100) account.icpScore = icp;
  set("tier", a.tier ? text(read(a.tier)) : undefined);
  const rule = a.statusRules.find((r) => {
    const value = text(read(r.field))?.toLowerCase();
    return value !== undefined && r.values.some((v) => v.toLowerCase() === value);
  });
  set("status", rule?.status ?? a.defaultStatus);
  if (a.custom.length > 0) {
    const custom: Record<string, string> = {};
    for (const field of a.custom) {
      const value = text(read(field));
      if (value !== undefined) custom[field] = value;
    }
    account.custom = custom;
  }
  return account;
}

/** Builds the canonical opportunity, or explains why the record cannot be one. */
export function toOpportunity(read: FieldReader, mapping: SalesforceFieldMapping, toIso: (v: string) => string): Opportunity | { rejected: string } {
  const o = mapping.opportunity;
  const accountId = text(read("AccountId"));
  if (!accountId) return { rejected: "opportunity has no AccountId" };
  const isClosed = bool(read("IsClosed"));
  const opp: Opportunity = {
    id: String(read("Id")),
    accountId,
    name: text(read("Name")) ?? String(read("Id")),
    stage: text(read("StageName")) ?? "Unknown",
    isClosed,
    isWon: isClosed && bool(read("IsWon")),
  };
  const amount = num(read(o.amount));
  if (amount !== undefined && amount >= 0) opp.amount = amount;
  const currency = (o.currency ? text(read(o.currency)) : undefined) ?? o.defaultCurrency;
  if (currency && /^[A-Za-z]{3}$/.test(currency)) opp.currency = currency.toUpperCase();
  const created = text(read("CreatedDate"));
  if (created) opp.createdAt = toIso(created);
  const close = text(read("CloseDate"));
  if (close && /^\d{4}-\d{2}-\d{2}$/.test(close)) opp.closeDate = close;
  const email = o.ownerEmail ? text(read(o.ownerEmail)) : undefined;
  if (email && EMAIL.test(email)) opp.ownerEmail = email.toLowerCase();
  const partner = o.partnerId ? text(read(o.partnerId)) : undefined;
  if (partner) opp.partnerId = partner;
  const leadSource = o.leadSource ? text(read(o.leadSource)) : undefined;
  if (leadSource) opp.leadSource = leadSource;
  return opp;
}

/** Checks every mapped field (first segment of relationship paths) exists in describe; lists all gaps. */
export function validateFieldMapping(mapping: SalesforceFieldMapping, account: ObjectDescription, opportunity: ObjectDescription): void {
  const problems: string[] = [];
  const check = (description: ObjectDescription, fields: string[]) => {
    const names = new Set(description.fields.map((f) => f.name.toLowerCase()));
    for (const path of fields) {
      const [head, ...rest] = path.split(".");
      const name = (rest.length > 0 ? `${head}Id` : (head ?? "")).toLowerCase();
      if (!names.has(name)) problems.push(`${description.providerName}.${path}: no such field (or no read access for the integration user)`);
    }
  };
  check(account, accountFields(mapping));
  check(opportunity, opportunityFields(mapping));
  if (problems.length > 0) {
    throw new AppError("invalid_input", `salesforce: the field mapping names ${problems.length} unknown field(s)`, { details: problems });
  }
}
