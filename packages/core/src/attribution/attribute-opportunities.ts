import type {
  AttributionConfig,
  AttributionOpportunity,
  AttributionOverride,
  CosellScoreEntry,
  Engagement,
  OverlapPeriod,
  PartnerProfile,
  Referral,
} from "./attribution-inputs.ts";
import { attributeOpportunity, type OpportunityAttribution, type ReviewItem } from "./attribute-opportunity.ts";

export interface AttributionInput {
  opportunities: readonly AttributionOpportunity[];
  partners: readonly PartnerProfile[];
  referrals?: readonly Referral[];
  engagements?: readonly Engagement[];
  overlaps?: readonly OverlapPeriod[];
  cosellScores?: readonly CosellScoreEntry[];
  overrides?: readonly AttributionOverride[];
}

export interface AttributionRun {
  attributions: OpportunityAttribution[];
  /** Every conflicting or unclear signal, for a person to settle with an override. */
  reviewQueue: ReviewItem[];
}

function groupBy<T>(items: readonly T[] | undefined, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items ?? []) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Attributes every opportunity (indexing the signals by account once) and collects the review queue. */
export function attributeOpportunities(input: AttributionInput, config: AttributionConfig, now: Date): AttributionRun {
  const partners = new Map(input.partners.map((p) => [p.id, p]));
  const referrals = groupBy(input.referrals, (r) => r.accountId);
  const engagements = groupBy(input.engagements, (e) => e.accountId);
  const overlaps = groupBy(input.overlaps, (o) => o.accountId);
  const scores = groupBy(input.cosellScores, (s) => s.accountId);
  const overrides = groupBy(input.overrides, (o) => o.opportunityId);
  const attributions = input.opportunities.map((opp) =>
    attributeOpportunity(
      opp,
      {
        partners,
        referrals: referrals.get(opp.accountId) ?? [],
        engagements: engagements.get(opp.accountId) ?? [],
        overlaps: overlaps.get(opp.accountId) ?? [],
        cosellScores: scores.get(opp.accountId) ?? [],
        overrides: overrides.get(opp.id) ?? [],
      },
      config,
      now,
    ),
  );
  return { attributions, reviewQueue: attributions.flatMap((a) => a.review) };
}
