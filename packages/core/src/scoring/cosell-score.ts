import { z } from "zod";
import type { CosellConfig } from "./cosell-config.ts";
import { describeUnknown, sharedFactSchema, type SharedFact } from "./shared-fact.ts";

/** What one partner shares about one of my accounts; anything unshared is an explicit unknown. */
export const CosellFactsSchema = z.object({
  accountId: z.string().min(1),
  partnerId: z.string().min(1),
  partnerCustomer: sharedFactSchema(z.boolean()),
  partnerOpenOpps: sharedFactSchema(z.number().int().nonnegative()),
  /** The partner's tier/segment for the account, as the partner names it. */
  partnerTier: sharedFactSchema(z.string()),
});
export interface CosellFacts {
  accountId: string;
  partnerId: string;
  partnerCustomer: SharedFact<boolean>;
  partnerOpenOpps: SharedFact<number>;
  partnerTier: SharedFact<string>;
}

export type ScoreCompleteness = "complete" | "partial" | "unknown";

export interface CosellComponent {
  known: boolean;
  /** weight x input; 0 when unknown. */
  contribution: number;
}

export interface CosellScore {
  accountId: string;
  partnerId: string;
  /**
   * Full-precision score over the known components (a lower bound when partial); null when no
   * component is known. Round only for display (formatScore).
   */
  score: number | null;
  completeness: ScoreCompleteness;
  components: { customer: CosellComponent; opps: CosellComponent; tier: CosellComponent & { tierScore: number | null } };
  /** Why the score is partial or unknown, one line per missing fact; empty when complete. */
  reasons: string[];
  /** Non-blocking remarks, e.g. a tier absent from the tier table. */
  notes: string[];
}

/** Score of a tier name from the table, matched case-insensitively; unknown tiers score 0. */
export function scoreTier(tier: string, tiers: Readonly<Record<string, number>>): { score: number; listed: boolean } {
  const wanted = tier.trim().toLowerCase();
  for (const [name, score] of Object.entries(tiers)) {
    if (name.trim().toLowerCase() === wanted) return { score, listed: true };
  }
  return { score: 0, listed: false };
}

/**
 * Partner Impact Score: w_customer*[customer] + w_opps*(open opps) + w_tier*(tier score), using only
 * the facts the partner shares.
 */
export function computeCosellScore(facts: CosellFacts, config: CosellConfig): CosellScore {
  const { weights } = config;
  const reasons: string[] = [];
  const notes: string[] = [];

  const customer = facts.partnerCustomer;
  if (!customer.known) reasons.push(describeUnknown("partner customer", customer));
  const opps = facts.partnerOpenOpps;
  if (!opps.known) reasons.push(describeUnknown("partner open opportunities", opps));
  const tier = facts.partnerTier;
  let tierScore: number | null = null;
  if (tier.known && tier.value.trim() === "") {
    tierScore = 0; // the partner shares that it has no tier for the account (e.g. not in its list)
  } else if (tier.known) {
    const scored = scoreTier(tier.value, config.tiers);
    tierScore = scored.score;
    if (!scored.listed) notes.push(`tier '${tier.value}' is not in the tier table, scored 0`);
  } else {
    reasons.push(describeUnknown("partner tier", tier));
  }

  const components = {
    customer: { known: customer.known, contribution: customer.known && customer.value ? weights.customer : 0 },
    opps: { known: opps.known, contribution: opps.known ? weights.opps * opps.value : 0 },
    tier: { known: tier.known, contribution: tierScore === null ? 0 : weights.tier * tierScore, tierScore },
  };
  const knownCount = [customer.known, opps.known, tier.known].filter(Boolean).length;
  const completeness: ScoreCompleteness = knownCount === 3 ? "complete" : knownCount === 0 ? "unknown" : "partial";
  const score =
    completeness === "unknown"
      ? null
      : components.customer.contribution + components.opps.contribution + components.tier.contribution;
  return { accountId: facts.accountId, partnerId: facts.partnerId, score, completeness, components, reasons, notes };
}

/** Display rounding only; stored scores keep full precision. */
export function formatScore(score: number, digits = 2): string {
  // toPrecision(12) first so binary drift (1.005 * 100 = 100.4999...) rounds the way a person expects.
  const scaled = Number((score * 10 ** digits).toPrecision(12));
  return (Math.round(scaled) / 10 ** digits).toFixed(digits);
}

/** "1.15", "0.80 (partial: partner tier: not shared by the partner)", "unknown: ...". */
export function describeCosellScore(result: Pick<CosellScore, "score" | "completeness" | "reasons">): string {
  if (result.score === null) return `unknown: ${result.reasons.join("; ")}`;
  const text = formatScore(result.score);
  return result.completeness === "partial" ? `${text} (partial: ${result.reasons.join("; ")})` : text;
}
