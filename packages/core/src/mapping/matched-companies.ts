import type { MatchPair, MatchPairRelation } from "../matching/types.ts";

/** One overlapping company: every record of it on each side, as matched by the engine. */
export interface MatchedCompany {
  relation: MatchPairRelation;
  mineIds: string[];
  partnerIds: string[];
  /** Lowest confidence among the pairs that tie the company together. */
  confidence: number;
  evidence: string;
}

/**
 * Groups accepted pairs (left = mine, right = partner's) into companies: records linked by pairs, directly
 * or through another record, are one company. `same_account` and `same_group` links are kept apart, so a
 * subsidiary never merges two accounts into one company.
 */
export function groupMatchedCompanies(pairs: readonly MatchPair[]): MatchedCompany[] {
  const companies: MatchedCompany[] = [];
  for (const relation of ["same_account", "same_group"] as const) {
    const parent = new Map<string, string>();
    const find = (key: string): string => {
      let root = key;
      while (parent.get(root) !== root) root = parent.get(root) ?? root;
      parent.set(key, root);
      return root;
    };
    const relationPairs = pairs.filter((p) => p.relation === relation);
    for (const pair of relationPairs) {
      const left = `L${pair.leftId}`;
      const right = `R${pair.rightId}`;
      if (!parent.has(left)) parent.set(left, left);
      if (!parent.has(right)) parent.set(right, right);
      const a = find(left);
      const b = find(right);
      if (a !== b) parent.set(b, a);
    }
    const byRoot = new Map<string, MatchedCompany>();
    for (const pair of relationPairs) {
      const root = find(`L${pair.leftId}`);
      let company = byRoot.get(root);
      if (!company) {
        company = { relation, mineIds: [], partnerIds: [], confidence: pair.confidence, evidence: pair.evidence };
        byRoot.set(root, company);
      }
      if (!company.mineIds.includes(pair.leftId)) company.mineIds.push(pair.leftId);
      if (!company.partnerIds.includes(pair.rightId)) company.partnerIds.push(pair.rightId);
      if (pair.confidence < company.confidence) company.confidence = pair.confidence;
    }
    companies.push(...byRoot.values());
  }
  return companies;
}
