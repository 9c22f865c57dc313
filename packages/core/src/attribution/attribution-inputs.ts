import { z } from "zod";
import { CurrencyCodeSchema, DateTextSchema, type Opportunity } from "../model/opportunity.ts";
import { SplitMethodSchema } from "./credit-split.ts";
import { ExchangeRateSchema } from "./money.ts";

/** A partner as attribution and tagging need it. */
export const PartnerProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** e.g. "reseller", "technology", "SI". */
  type: z.string().min(1).optional(),
  /** The partner manager on my side who owns the relationship. */
  manager: z.string().min(1).optional(),
});
export type PartnerProfile = z.infer<typeof PartnerProfileSchema>;

/** A referral or introduction from a partner that my team accepted. */
export const ReferralSchema = z.object({
  id: z.string().min(1),
  partnerId: z.string().min(1),
  accountId: z.string().min(1),
  kind: z.enum(["referral", "introduction"]),
  acceptedAt: DateTextSchema,
});
export type Referral = z.infer<typeof ReferralSchema>;

/** A recorded engagement with a partner about an account (intro request, Slack action, note). */
export const EngagementSchema = z.object({
  id: z.string().min(1),
  partnerId: z.string().min(1),
  accountId: z.string().min(1),
  opportunityId: z.string().min(1).optional(),
  kind: z.enum(["intro_request", "slack_action", "note"]),
  at: DateTextSchema,
});
export type Engagement = z.infer<typeof EngagementSchema>;

/**
 * When one of my accounts was in one of the partner's populations (from overlap history);
 * `to` absent: still overlapping.
 */
export const OverlapPeriodSchema = z.object({
  partnerId: z.string().min(1),
  accountId: z.string().min(1),
  /** The partner's population key: only customers and open_opportunities influence deals. */
  partnerPopulation: z.string().min(1),
  from: DateTextSchema,
  to: DateTextSchema.optional(),
});
export type OverlapPeriod = z.infer<typeof OverlapPeriodSchema>;

export const AttributionKindSchema = z.enum(["sourced", "influenced"]);
export type AttributionKind = z.infer<typeof AttributionKindSchema>;

/** A person's decision on one opportunity's credit; it replaces the computed attribution. */
export const AttributionOverrideSchema = z.object({
  opportunityId: z.string().min(1),
  /** Empty: no partner gets credit. */
  credits: z.array(
    z.object({
      partnerId: z.string().min(1),
      kind: AttributionKindSchema,
      /** Relative share within its kind; all absent: equal split; some given: absent ones count 0. */
      weight: z.number().finite().nonnegative().optional(),
    }),
  ),
  reason: z.string().trim().min(1, "an override needs a reason"),
  by: z.string().min(1),
  at: DateTextSchema,
});
export type AttributionOverride = z.infer<typeof AttributionOverrideSchema>;

export const CosellScoreEntrySchema = z.object({
  accountId: z.string().min(1),
  partnerId: z.string().min(1),
  score: z.number().finite().nonnegative(),
});
export type CosellScoreEntry = z.infer<typeof CosellScoreEntrySchema>;

/** The opportunity as attribution reads it (the core model carries the mapped lead source). */
export type AttributionOpportunity = Opportunity;

export const AttributionConfigSchema = z.object({
  orgCurrency: CurrencyCodeSchema.default("USD"),
  /** A referral/intro accepted at most this many days before creation sources the deal. */
  sourcedWindowDays: z.number().int().nonnegative().default(90),
  /** Influence counts from this many days before creation until close (or now). */
  influenceLookbackDays: z.number().int().nonnegative().default(30),
  /** engaged: overlap plus a recorded engagement; overlap: overlap alone. */
  influenceMode: z.enum(["engaged", "overlap"]).default("engaged"),
  split: SplitMethodSchema.default("equal"),
  /**
   * Lead source values (case-insensitive) that mean "a partner brought this". Plain "Referral" is left
   * out on purpose: CRMs use it for customer and employee referrals too.
   */
  partnerLeadSources: z.array(z.string().min(1)).default(["Partner", "Partner Referral", "Channel"]),
  rates: z.array(ExchangeRateSchema).default([]),
});
export type AttributionConfig = z.infer<typeof AttributionConfigSchema>;
export type AttributionConfigInput = z.input<typeof AttributionConfigSchema>;
