import type { Account } from "../model/account.ts";
import type { Opportunity } from "../model/opportunity.ts";

/** A field value as filters and sharing see it; absent fields read as undefined. */
export type FieldValue = string | number | boolean | undefined;

/** How a known field compares; custom fields have no declared kind and are coerced from the filter value. */
export type FieldKind = "text" | "number" | "boolean" | "date";

/** Canonical account fields (everything except `custom`). */
export const ACCOUNT_FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  id: "text",
  name: "text",
  website: "text",
  country: "text",
  state: "text",
  city: "text",
  phone: "text",
  parentId: "text",
  status: "text",
  ownerEmail: "text",
  icpScore: "number",
  tier: "text",
};

/** Opportunity fields; opportunities have no custom fields, so any other name is an error. */
export const OPPORTUNITY_FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  id: "text",
  accountId: "text",
  name: "text",
  stage: "text",
  amount: "number",
  currency: "text",
  createdAt: "date",
  closeDate: "date",
  isClosed: "boolean",
  isWon: "boolean",
  ownerEmail: "text",
  partnerId: "text",
  leadSource: "text",
};

/** "Account Type", "account_type" and "AccountType"? Only the first two meet: case and separators are ignored. */
function normalizeFieldName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

const CANONICAL_ACCOUNT_FIELDS = new Map(Object.keys(ACCOUNT_FIELD_KINDS).map((key) => [key.toLowerCase(), key]));
const CANONICAL_OPPORTUNITY_FIELDS = new Map(Object.keys(OPPORTUNITY_FIELD_KINDS).map((key) => [key.toLowerCase(), key]));

/** The canonical account field a name refers to (case-insensitive), or undefined for a custom field. */
export function canonicalAccountField(name: string): keyof Account | undefined {
  return CANONICAL_ACCOUNT_FIELDS.get(name.toLowerCase()) as keyof Account | undefined;
}

export function canonicalOpportunityField(name: string): keyof Opportunity | undefined {
  return CANONICAL_OPPORTUNITY_FIELDS.get(name.toLowerCase()) as keyof Opportunity | undefined;
}

/**
 * Builds a reader for `account.<name>`: a canonical field (case-insensitive) first, then a custom
 * field by exact key, then by key ignoring case and separators (CSV headers such as "Account Type"
 * become reachable as `account_type`, since filter field names are identifiers).
 */
export function createAccountFieldReader(name: string): (account: Account) => FieldValue {
  const canonical = canonicalAccountField(name);
  if (canonical) return (account) => account[canonical] as FieldValue;
  const normalized = normalizeFieldName(name);
  return (account) => {
    const custom = account.custom;
    if (!custom) return undefined;
    const exact = custom[name];
    if (exact !== undefined) return exact;
    for (const key in custom) {
      if (normalizeFieldName(key) === normalized) return custom[key];
    }
    return undefined;
  };
}

/** Builds a reader for `opportunity.<name>`; unknown names read as undefined (validation reports them). */
export function createOpportunityFieldReader(name: string): (opportunity: Opportunity) => FieldValue {
  const canonical = canonicalOpportunityField(name);
  if (!canonical) return () => undefined;
  return (opportunity) => opportunity[canonical] as FieldValue;
}

/** Kind of a known field, undefined for custom account fields and unknown opportunity fields. */
export function fieldKindOf(entity: "account" | "opportunity", name: string): FieldKind | undefined {
  if (entity === "account") {
    const canonical = canonicalAccountField(name);
    return canonical ? ACCOUNT_FIELD_KINDS[canonical] : undefined;
  }
  const canonical = canonicalOpportunityField(name);
  return canonical ? OPPORTUNITY_FIELD_KINDS[canonical] : undefined;
}
