import { AppError } from "@mutual/core";

export type RecordKind = "account" | "opportunity";

/** Canonical CSV headers (DESIGN.md), in order, per record kind. */
export const CANONICAL_HEADERS = {
  account: [
    "id",
    "name",
    "website",
    "country",
    "state",
    "city",
    "phone",
    "parent_id",
    "status",
    "owner_email",
    "icp_score",
    "tier",
  ],
  opportunity: [
    "id",
    "account_id",
    "name",
    "stage",
    "amount",
    "currency",
    "created_at",
    "close_date",
    "is_closed",
    "is_won",
    "owner_email",
    "partner_id",
    "lead_source",
  ],
} as const satisfies Record<RecordKind, readonly string[]>;

export type AccountField = (typeof CANONICAL_HEADERS.account)[number];
export type OpportunityField = (typeof CANONICAL_HEADERS.opportunity)[number];
export type CanonicalField = AccountField | OpportunityField;

export const REQUIRED_HEADERS: Record<RecordKind, readonly CanonicalField[]> = {
  account: ["id", "name"],
  opportunity: ["id", "account_id", "name", "stage"],
};

/** Common CRM export headers (Salesforce, HubSpot, Pipedrive, Dynamics) per canonical field. */
const SYNONYMS: Record<RecordKind, Partial<Record<CanonicalField, readonly string[]>>> = {
  account: {
    id: ["Account ID", "Account Id (18)", "Record ID", "Company ID", "Organization ID", "External ID"],
    name: ["Account Name", "Company Name", "Company", "Organization", "Organization Name", "Name"],
    website: ["Website", "Web Site", "Company Domain Name", "Domain", "Company Domain", "URL", "Website URL"],
    country: ["Billing Country", "Country/Region", "Country", "Billing Country Code", "Shipping Country"],
    state: ["Billing State/Province", "Billing State", "State/Region", "State", "Province", "Region"],
    city: ["Billing City", "City", "Shipping City"],
    phone: ["Phone", "Phone Number", "Company Phone", "Main Phone"],
    parent_id: ["Parent Account ID", "Parent ID", "Parent Company ID", "Parent Account"],
    status: ["Type", "Account Type", "Status", "Account Status", "Lifecycle Stage", "Customer Status"],
    owner_email: ["Account Owner Email", "Owner Email", "Company Owner Email", "Account Owner"],
    icp_score: ["ICP Score", "ICP", "Fit Score"],
    tier: ["Tier", "Segment", "Account Tier", "Customer Tier"],
  },
  opportunity: {
    id: ["Opportunity ID", "Opportunity Id (18)", "Deal ID", "Record ID"],
    account_id: ["Account ID", "Account Id (18)", "Company ID", "Associated Company ID", "Associated Company IDs"],
    name: ["Opportunity Name", "Deal Name", "Name"],
    stage: ["Stage", "Deal Stage", "Opportunity Stage", "Stage Name"],
    amount: ["Amount", "Deal Amount", "Opportunity Amount", "Value"],
    currency: ["Currency", "Opportunity Currency", "Currency Code", "Deal Currency Code", "Currency ISO Code"],
    created_at: ["Created Date", "Create Date", "Created", "Created At"],
    close_date: ["Close Date", "Closed Date", "Expected Close Date"],
    is_closed: ["Closed", "Is Closed", "IsClosed"],
    is_won: ["Won", "Is Won", "IsWon", "Is Closed Won"],
    owner_email: ["Opportunity Owner Email", "Deal Owner Email", "Owner Email", "Opportunity Owner"],
    partner_id: ["Partner ID", "Partner", "Partner Account ID", "Primary Partner"],
    lead_source: ["Lead Source", "Opportunity Source", "Deal Source", "Original Source", "Source"],
  },
};

/** Headers compare without case, spaces or punctuation: "Billing Country" == "billing_country". */
export function normalizeHeader(header: string): string {
  return header.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

export interface ColumnPlan {
  /** Column index (0-based) of each canonical field present in the file. */
  fields: Map<CanonicalField, number>;
  /** Columns with no canonical meaning, kept as custom fields: index -> header. */
  extra: Map<number, string>;
  headers: readonly string[];
}

/** How the caller's users write one column override, for messages (`--map name="Account Name"` on the CLI). */
export type OverrideLabel = (field: string, header: string) => string;

const cliOverride: OverrideLabel = (field, header) => `--map ${field}=${/[\s"]/.test(header) ? JSON.stringify(header) : header}`;

/**
 * Decides which column feeds which canonical field: explicit `--map` overrides first, then exact canonical
 * headers, then synonyms. Throws one input error listing every problem (unknown override, missing column).
 */
export function planColumns(
  kind: RecordKind,
  headers: readonly string[],
  overrides: Readonly<Partial<Record<string, string>>>,
  file: string,
  describeOverride: OverrideLabel = cliOverride,
): ColumnPlan {
  const canonical: readonly CanonicalField[] = CANONICAL_HEADERS[kind];
  const byNormalized = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    if (key !== "" && !byNormalized.has(key)) byNormalized.set(key, index);
  });

  const problems: string[] = [];
  const fields = new Map<CanonicalField, number>();
  for (const [field, header] of Object.entries(overrides)) {
    if (header === undefined) continue;
    if (!(canonical as readonly string[]).includes(field)) {
      problems.push(`${describeOverride(field, header)}: '${field}' is not a ${kind} field (fields: ${canonical.join(", ")})`);
      continue;
    }
    const index = byNormalized.get(normalizeHeader(header));
    if (index === undefined) {
      problems.push(`${file}: ${describeOverride(field, header)}: no column '${header}' (columns: ${headers.join(", ")})`);
      continue;
    }
    fields.set(field as CanonicalField, index);
  }

  const taken = new Set(fields.values());
  const claim = (field: CanonicalField, candidates: readonly string[]) => {
    if (fields.has(field)) return;
    for (const candidate of candidates) {
      const index = byNormalized.get(normalizeHeader(candidate));
      if (index !== undefined && !taken.has(index)) {
        fields.set(field, index);
        taken.add(index);
        return;
      }
    }
  };
  // Canonical names first for every field, so a synonym never steals another field's canonical column.
  for (const field of canonical) claim(field, [field]);
  for (const field of canonical) claim(field, SYNONYMS[kind][field] ?? []);

  for (const field of REQUIRED_HEADERS[kind]) {
    if (!fields.has(field)) {
      problems.push(
        `${file}: line 1: missing required column '${field}' (columns found: ${headers.join(", ") || "none"}; ` +
          `use ${describeOverride(field, "Your Header")})`,
      );
    }
  }
  if (problems.length > 0) {
    throw new AppError("invalid_input", `${file}: cannot read the ${kind} columns`, { details: problems });
  }

  const extra = new Map<number, string>();
  headers.forEach((header, index) => {
    if (!taken.has(index) && header.trim() !== "") extra.set(index, header.trim());
  });
  return { fields, extra, headers };
}
