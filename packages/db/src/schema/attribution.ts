import { isNull } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { opportunities } from "./opportunities.ts";
import { organizations } from "./organizations.ts";
import { partners } from "./partners.ts";

/** issue 8: engagements with a partner about one of my accounts (intro request, Slack action, note). */
export const partnerEngagements = sqliteTable(
  "partner_engagements",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    partnerId: text()
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    opportunityId: text().references(() => opportunities.id, { onDelete: "set null" }),
    kind: text({ enum: ["intro_request", "slack_action", "note"] }).notNull(),
    at: text().notNull(),
    note: text(),
    createdBy: text(),
    createdAt: text().notNull(),
  },
  (t) => [index("partner_engagements_org_idx").on(t.orgId, t.accountId)],
);

/** Referrals and introductions from a partner that my team accepted. */
export const partnerReferrals = sqliteTable(
  "partner_referrals",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    partnerId: text()
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    kind: text({ enum: ["referral", "introduction"] }).notNull(),
    acceptedAt: text().notNull(),
    note: text(),
    createdBy: text(),
    createdAt: text().notNull(),
  },
  (t) => [index("partner_referrals_org_idx").on(t.orgId, t.accountId)],
);

/**
 * Overlap history for influence: when one of my accounts was (as far as the partner shares) in one
 * of the partner's populations. `to` null = still overlapping; one open period per key.
 */
export const partnerOverlapPeriods = sqliteTable(
  "partner_overlap_periods",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    partnerId: text()
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    partnerPopulation: text().notNull(),
    from: text().notNull(),
    to: text(),
  },
  (t) => [
    uniqueIndex("partner_overlap_periods_open_uq")
      .on(t.orgId, t.partnerId, t.accountId, t.partnerPopulation)
      .where(isNull(t.to)),
    index("partner_overlap_periods_org_idx").on(t.orgId),
  ],
);

/** The latest computed (or overridden) attribution of one opportunity; JSON parts as in core. */
export const opportunityAttributions = sqliteTable(
  "opportunity_attributions",
  {
    opportunityId: text()
      .primaryKey()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: text().notNull(),
    state: text({ enum: ["open", "won", "lost"] }).notNull(),
    opportunityCreatedAt: text(),
    closeDate: text(),
    /** Amount in minor units of `amountCurrency`, and converted into the org currency (null: no rate). */
    amountMinor: integer(),
    amountCurrency: text(),
    convertedMinor: integer(),
    convertedCurrency: text(),
    origin: text({ enum: ["computed", "override"] }).notNull(),
    /** True when a flag (missing rate, amount, date) is set: quick filter for the admin. */
    flagged: integer({ mode: "boolean" }).notNull(),
    credits: text({ mode: "json" }).$type<unknown[]>().notNull(),
    evidence: text({ mode: "json" }).$type<string[]>().notNull(),
    flags: text({ mode: "json" }).$type<unknown[]>().notNull(),
    override: text({ mode: "json" }).$type<{ reason: string; by: string; at: string } | null>(),
    computedAt: text().notNull(),
  },
  (t) => [index("opportunity_attributions_org_idx").on(t.orgId)],
);

/** A person's decision on an opportunity's credit, with a reason; append-only, the latest applies. */
export const attributionOverrides = sqliteTable(
  "attribution_overrides",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    opportunityId: text()
      .notNull()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    credits: text({ mode: "json" }).$type<{ partnerId: string; kind: "sourced" | "influenced"; weight?: number }[]>().notNull(),
    reason: text().notNull(),
    by: text().notNull(),
    at: text().notNull(),
  },
  (t) => [index("attribution_overrides_org_idx").on(t.orgId, t.opportunityId)],
);

/** Conflicting or unclear signals a person must settle; `key` identifies the same item across recomputes. */
export const attributionReviewItems = sqliteTable(
  "attribution_review_items",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    opportunityId: text()
      .notNull()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    key: text().notNull(),
    kind: text().notNull(),
    partnerIds: text({ mode: "json" }).$type<string[]>().notNull(),
    message: text().notNull(),
    status: text({ enum: ["open", "resolved", "dismissed"] }).notNull(),
    resolution: text(),
    resolvedBy: text(),
    resolvedAt: text(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
  },
  (t) => [uniqueIndex("attribution_review_items_key_uq").on(t.orgId, t.key), index("attribution_review_items_status_idx").on(t.orgId, t.status)],
);

/** The influencing partner chosen for each open opportunity (computed or manual), as written to the CRM. */
export const influencingPartnerTags = sqliteTable(
  "influencing_partner_tags",
  {
    opportunityId: text()
      .primaryKey()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    partnerId: text().notNull(),
    partnerName: text().notNull(),
    partnerType: text(),
    partnerManager: text(),
    assignedAt: text().notNull(),
    notes: text().notNull(),
    origin: text({ enum: ["computed", "manual"] }).notNull(),
    evidenceCount: integer().notNull(),
    updatedAt: text().notNull(),
  },
  (t) => [index("influencing_partner_tags_org_idx").on(t.orgId)],
);

/** A person's choice of influencing partner; it always wins over the computed one. */
export const manualPartnerTags = sqliteTable(
  "manual_partner_tags",
  {
    opportunityId: text()
      .primaryKey()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    orgId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    partnerId: text()
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    assignedAt: text().notNull(),
    notes: text(),
    by: text().notNull(),
  },
  (t) => [index("manual_partner_tags_org_idx").on(t.orgId)],
);
