import { describeEvidence } from "./evidence.ts";
import type { MatchIndexState } from "./match-index.ts";
import { toConfidence } from "./score.ts";
import type { MatchPair, MatchPairRelation } from "./types.ts";

export interface RegionOutcome {
  accepted: MatchPair[];
  review: MatchPair[];
}

/** Best evidence between one company (duplicate cluster) of each list. */
interface ClusterPair {
  left: number;
  right: number;
  account: number;
  accountEdge: [number, number, number];
  group: number;
  groupEdge: [number, number, number];
  forced: boolean;
  vetoed: boolean;
}

/**
 * Decides a closed region (every record linked to it by duplicate or candidate edges): duplicates are
 * clustered first, then companies are matched one to one, best evidence first, so both lists count the
 * same overlapping companies. Overrides win: a never-pair vetoes its two companies, an always-pair is
 * accepted first. Pairs of one group (parent link, one brand) are added beside the one-to-one matches.
 */
export function assignRegion(index: MatchIndexState, region: readonly number[]): RegionOutcome {
  const { clusterOf, members } = clusterRegion(index, region);
  const candidates = new Map<string, ClusterPair>();
  for (const l of region) {
    if (index.records[l]?.side !== 0) continue;
    for (const edge of index.cross.get(l) ?? []) {
      const left = clusterOf.get(l)!;
      const right = clusterOf.get(edge.other)!;
      const key = `${left}:${right}`;
      let pair = candidates.get(key);
      if (!pair) {
        pair = {
          left,
          right,
          account: Number.NEGATIVE_INFINITY,
          accountEdge: [l, edge.other, 0],
          group: Number.NEGATIVE_INFINITY,
          groupEdge: [l, edge.other, 0],
          forced: false,
          vetoed: false,
        };
        candidates.set(key, pair);
      }
      if (edge.account > pair.account) {
        pair.account = edge.account;
        pair.accountEdge = [l, edge.other, edge.evidence];
      }
      if (edge.group > pair.group) {
        pair.group = edge.group;
        pair.groupEdge = [l, edge.other, edge.evidence];
      }
      pair.forced ||= edge.forced;
    }
  }
  for (const pair of candidates.values()) {
    pair.vetoed = members.get(pair.left)!.some((l) => members.get(pair.right)!.some((r) => index.isVetoed(l, r)));
  }

  const idOf = (idx: number) => index.records[idx]!.id;
  // Symmetric order: swapping the lists swaps left and right, so ties are broken on the unordered id pair.
  const ordered = [...candidates.values()].sort((a, b) => {
    if (a.forced !== b.forced) return a.forced ? -1 : 1;
    if (a.account !== b.account) return b.account - a.account;
    return compareUnordered(idOf(a.left), idOf(a.right), idOf(b.left), idOf(b.right));
  });
  const { accept, review } = index.options;
  const taken = new Set<number>();
  const accepted: MatchPair[] = [];
  const reviewed: MatchPair[] = [];
  const write = (pair: ClusterPair, relation: MatchPairRelation, confidence: number, into: MatchPair[]) => {
    const [l, r, evidence] = relation === "same_group" ? pair.groupEdge : pair.accountEdge;
    let text = describeEvidence(index.records[l]!, index.records[r]!, evidence);
    if (pair.forced) text = text ? `confirmed by override; ${text}` : "confirmed by override";
    for (const left of members.get(pair.left)!) {
      for (const right of members.get(pair.right)!) {
        if (index.isVetoed(left, right)) continue;
        into.push({ leftId: idOf(left), rightId: idOf(right), relation, confidence: round(confidence), evidence: text });
      }
    }
  };
  const groupCandidates: ClusterPair[] = [];
  for (const pair of ordered) {
    if (pair.vetoed) continue;
    if (pair.forced) {
      write(pair, "same_account", 1, accepted);
      taken.add(pair.left).add(pair.right);
      continue;
    }
    const confidence = toConfidence(pair.account);
    if (!taken.has(pair.left) && !taken.has(pair.right) && confidence >= accept) {
      write(pair, "same_account", confidence, accepted);
      taken.add(pair.left).add(pair.right);
    } else if (toConfidence(pair.group) >= accept) {
      groupCandidates.push(pair);
    } else if (!taken.has(pair.left) && !taken.has(pair.right) && confidence >= review) {
      write(pair, "same_account", confidence, reviewed);
    }
  }
  for (const pair of groupCandidates) write(pair, "same_group", toConfidence(pair.group), accepted);
  return { accepted, review: reviewed };
}

/** Connected components of the duplicate edges; a cluster is named by its record with the smallest id. */
function clusterRegion(index: MatchIndexState, region: readonly number[]) {
  const clusterOf = new Map<number, number>();
  const members = new Map<number, number[]>();
  for (const start of region) {
    if (clusterOf.has(start) || !index.records[start]) continue;
    const component = [start];
    clusterOf.set(start, start);
    for (let i = 0; i < component.length; i++) {
      for (const next of index.duplicates.get(component[i]!) ?? []) {
        if (!clusterOf.has(next)) {
          clusterOf.set(next, start);
          component.push(next);
        }
      }
    }
    let name = start;
    for (const idx of component) if (index.records[idx]!.id < index.records[name]!.id) name = idx;
    for (const idx of component) clusterOf.set(idx, name);
    members.set(
      name,
      component.sort((a, b) => (index.records[a]!.id < index.records[b]!.id ? -1 : 1)),
    );
  }
  return { clusterOf, members };
}

function compareUnordered(a1: string, a2: string, b1: string, b2: string): number {
  const [aLow, aHigh] = a1 < a2 ? [a1, a2] : [a2, a1];
  const [bLow, bHigh] = b1 < b2 ? [b1, b2] : [b2, b1];
  return aLow < bLow ? -1 : aLow > bLow ? 1 : aHigh < bHigh ? -1 : aHigh > bHigh ? 1 : 0;
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
