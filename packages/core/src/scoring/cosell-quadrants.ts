import type { CosellConfig } from "./cosell-config.ts";
import type { CosellScore } from "./cosell-score.ts";
import { pickBestPartners } from "./best-partner.ts";

export type CosellQuadrant = "cosell_first" | "direct_outreach" | "partner_opens_door" | "deprioritize";

export const QUADRANT_ADVICE: Readonly<Record<CosellQuadrant, string>> = {
  cosell_first: "ask the partner for an intro and co-sell first",
  direct_outreach: "direct outreach",
  partner_opens_door: "let the partner open the door",
  deprioritize: "deprioritize",
};

export interface IcpAccount {
  id: string;
  name?: string;
  /** From the mapped CRM field, 0-100; accounts without one cannot be shortlisted. */
  icpScore?: number;
}

/** Explicit thresholds; an absent one defaults to the midpoint of that axis's range over the shortlist. */
export interface QuadrantThresholdsInput {
  icp?: number;
  cosell?: number;
}

export interface ShortlistEntry {
  accountId: string;
  name: string | undefined;
  icpScore: number;
  /** Best partner's score for the account (all partners are in `scores`). */
  best: CosellScore | undefined;
  scores: CosellScore[];
  /** Full precision; null when no partner's score is known. */
  cosellScore: number | null;
  quadrant: CosellQuadrant | null;
  advice: string | null;
  /** Why the quadrant is missing or rests on a partial score; empty otherwise. */
  reasons: string[];
}

export interface CosellShortlist {
  entries: ShortlistEntry[];
  thresholds: { icp: number | null; cosell: number | null };
  excluded: { belowMinIcp: number; withoutIcp: number };
}

function midpoint(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return (Math.min(...values) + Math.max(...values)) / 2;
}

/** Quadrant of a point; a value equal to its threshold counts as high. */
export function classifyQuadrant(icp: number, cosell: number, thresholds: { icp: number; cosell: number }): CosellQuadrant {
  const highIcp = icp >= thresholds.icp;
  const highCosell = cosell >= thresholds.cosell;
  if (highIcp) return highCosell ? "cosell_first" : "direct_outreach";
  return highCosell ? "partner_opens_door" : "deprioritize";
}

/**
 * ICP shortlist (ICP >= config.minIcp) with each account's best partner and its quadrant on
 * (co-sell score, ICP). Entries are ordered by quadrant priority, then co-sell score, then ICP.
 */
export function buildCosellShortlist(
  accounts: Iterable<IcpAccount>,
  scores: Iterable<CosellScore>,
  config: Pick<CosellConfig, "minIcp">,
  thresholdsInput: QuadrantThresholdsInput = {},
): CosellShortlist {
  const allScores = [...scores];
  const best = pickBestPartners(allScores);
  const scoresByAccount = new Map<string, CosellScore[]>();
  for (const score of allScores) {
    const list = scoresByAccount.get(score.accountId);
    if (list) list.push(score);
    else scoresByAccount.set(score.accountId, [score]);
  }

  let belowMinIcp = 0;
  let withoutIcp = 0;
  const shortlisted: { account: IcpAccount; icpScore: number }[] = [];
  for (const account of accounts) {
    if (account.icpScore === undefined) withoutIcp += 1;
    else if (account.icpScore < config.minIcp) belowMinIcp += 1;
    else shortlisted.push({ account, icpScore: account.icpScore });
  }

  const cosellOf = (id: string) => best.get(id)?.score ?? null;
  const thresholds = {
    icp: thresholdsInput.icp ?? midpoint(shortlisted.map((s) => s.icpScore)),
    cosell:
      thresholdsInput.cosell ??
      midpoint(shortlisted.map((s) => cosellOf(s.account.id)).filter((v): v is number => v !== null)),
  };

  const entries = shortlisted.map(({ account, icpScore }): ShortlistEntry => {
    const bestScore = best.get(account.id);
    const cosellScore = bestScore?.score ?? null;
    const reasons: string[] = [];
    let quadrant: CosellQuadrant | null = null;
    if (bestScore === undefined) {
      reasons.push("no partner score for this account");
    } else if (cosellScore === null) {
      reasons.push(`co-sell score unknown: ${bestScore.reasons.join("; ")}`);
    } else if (thresholds.icp !== null && thresholds.cosell !== null) {
      quadrant = classifyQuadrant(icpScore, cosellScore, { icp: thresholds.icp, cosell: thresholds.cosell });
      if (bestScore.completeness === "partial") reasons.push(`co-sell score is partial: ${bestScore.reasons.join("; ")}`);
    }
    return {
      accountId: account.id,
      name: account.name,
      icpScore,
      best: bestScore,
      scores: scoresByAccount.get(account.id) ?? [],
      cosellScore,
      quadrant,
      advice: quadrant ? QUADRANT_ADVICE[quadrant] : null,
      reasons,
    };
  });

  const rank = (q: CosellQuadrant | null) =>
    q === null ? 4 : ["cosell_first", "direct_outreach", "partner_opens_door", "deprioritize"].indexOf(q);
  entries.sort(
    (a, b) =>
      rank(a.quadrant) - rank(b.quadrant) ||
      (b.cosellScore ?? -1) - (a.cosellScore ?? -1) ||
      b.icpScore - a.icpScore ||
      (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
  return { entries, thresholds, excluded: { belowMinIcp, withoutIcp } };
}
