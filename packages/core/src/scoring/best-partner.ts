import type { CosellScore } from "./cosell-score.ts";

const COMPLETENESS_RANK = { complete: 2, partial: 1, unknown: 0 } as const;

/**
 * Orders two partners' scores for one account: higher score first, then complete before partial
 * (a partial score is a lower bound), unknown last, then partner id for a stable result.
 */
export function compareCosellScores(a: CosellScore, b: CosellScore): number {
  if (a.score !== b.score) {
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score;
  }
  const byCompleteness = COMPLETENESS_RANK[b.completeness] - COMPLETENESS_RANK[a.completeness];
  if (byCompleteness !== 0) return byCompleteness;
  return a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0;
}

/** Best partner per account among every partner's score; accounts without scores are absent. */
export function pickBestPartners(scores: Iterable<CosellScore>): Map<string, CosellScore> {
  const best = new Map<string, CosellScore>();
  for (const score of scores) {
    const current = best.get(score.accountId);
    if (!current || compareCosellScores(score, current) < 0) best.set(score.accountId, score);
  }
  return best;
}
