import { describeEvidence } from "./evidence.ts";
import type { CrossEdge, MatchIndexState } from "./match-index.ts";
import { toConfidence } from "./score.ts";
import type { MatchPair } from "./types.ts";

export interface RegionOutcome {
  accepted: MatchPair[];
  review: MatchPair[];
}

/** One company: the records of both lists joined by accepted duplicate and cross links. */
export interface Company {
  left: number[];
  right: number[];
}

/**
 * Whether a cross edge joins two records into one company: forced by an always-override, or accepted by
 * the engine and not vetoed by a never-override (overrides win over the engine, and never over always).
 */
function links(index: MatchIndexState, left: number, edge: CrossEdge): boolean {
  if (index.isVetoed(left, edge.other)) return false;
  return edge.forced || toConfidence(edge.account) >= index.options.accept;
}

/**
 * Groups records into companies: connected components of accepted links, duplicates inside a list and
 * matches across lists alike. A company with records on both sides is one overlapping company for both
 * lists, however many records each side has, so both sides count the same overlap.
 */
export function groupCompanies(index: MatchIndexState, region: Iterable<number>): Map<number, Company> {
  const companyOf = new Map<number, number>();
  const companies = new Map<number, Company>();
  for (const start of region) {
    if (companyOf.has(start) || !index.records[start]) continue;
    const company: Company = { left: [], right: [] };
    const queue = [start];
    companyOf.set(start, start);
    for (let i = 0; i < queue.length; i++) {
      const idx = queue[i]!;
      const f = index.records[idx]!;
      (f.side === 0 ? company.left : company.right).push(idx);
      const next = [...(index.duplicates.get(idx) ?? [])];
      for (const edge of index.cross.get(idx) ?? []) {
        if (f.side === 0 ? links(index, idx, edge) : links(index, edge.other, edgeFrom(index, edge.other, idx))) {
          next.push(edge.other);
        }
      }
      for (const other of next) {
        if (!companyOf.has(other)) {
          companyOf.set(other, start);
          queue.push(other);
        }
      }
    }
    companies.set(start, company);
  }
  return companies;
}

function edgeFrom(index: MatchIndexState, from: number, to: number): CrossEdge {
  return index.cross.get(from)!.find((e) => e.other === to)!;
}

/**
 * Decides a closed region (every record linked to it by duplicate or candidate edges). Every left x right
 * record pair of an overlapping company is written (vetoed pairs excepted), with the confidence and
 * evidence of its own link or else of the company's strongest link. Review pairs are candidate links
 * between companies that did not match; same-group pairs link companies of one brand or parent.
 */
export function assignRegion(index: MatchIndexState, region: readonly number[]): RegionOutcome {
  const companies = groupCompanies(index, region);
  const accepted: MatchPair[] = [];
  const review: MatchPair[] = [];
  const companyOf = new Map<number, number>();
  for (const [key, company] of companies) {
    for (const idx of company.left) companyOf.set(idx, key);
    for (const idx of company.right) companyOf.set(idx, key);
  }
  const idOf = (idx: number) => index.records[idx]!.id;
  const pairOf = (l: number, r: number, edge: CrossEdge, relation: MatchPair["relation"]): MatchPair => {
    const confidence = edge.forced && relation === "same_account" ? 1 : toConfidence(relation === "same_group" ? edge.group : edge.account);
    let evidence = describeEvidence(index.records[l]!, index.records[r]!, edge.evidence);
    if (edge.forced && relation === "same_account") evidence = evidence ? `confirmed by override; ${evidence}` : "confirmed by override";
    return { leftId: idOf(l), rightId: idOf(r), relation, confidence: round(confidence), evidence };
  };

  for (const company of companies.values()) {
    if (company.left.length === 0 || company.right.length === 0) continue;
    // The company's strongest link speaks for record pairs without a direct one.
    let best: [number, CrossEdge] | undefined;
    for (const l of company.left) {
      for (const edge of index.cross.get(l) ?? []) {
        if (companyOf.get(edge.other) !== companyOf.get(l) || !links(index, l, edge)) continue;
        if (!best || rank(edge) > rank(best[1])) best = [l, edge];
      }
    }
    for (const l of company.left) {
      const direct = new Map((index.cross.get(l) ?? []).map((e) => [e.other, e]));
      for (const r of company.right) {
        if (index.isVetoed(l, r)) continue;
        const edge = direct.get(r);
        if (edge && links(index, l, edge)) accepted.push(pairOf(l, r, edge, "same_account"));
        else if (best) accepted.push({ ...pairOf(best[0], best[1].other, best[1], "same_account"), leftId: idOf(l), rightId: idOf(r) });
      }
    }
  }

  const seen = new Set<string>();
  for (const l of region) {
    if (index.records[l]?.side !== 0) continue;
    for (const edge of index.cross.get(l) ?? []) {
      const r = edge.other;
      const lc = companyOf.get(l)!;
      const rc = companyOf.get(r)!;
      if (lc === rc || index.isVetoed(l, r)) continue;
      if (toConfidence(edge.group) >= index.options.accept) {
        // One group: every left record of the one company with every right record of the other.
        for (const gl of companies.get(lc)!.left) {
          for (const gr of companies.get(rc)!.right) {
            const key = `${gl}:${gr}`;
            if (seen.has(key) || index.isVetoed(gl, gr)) continue;
            seen.add(key);
            accepted.push({ ...pairOf(l, r, edge, "same_group"), leftId: idOf(gl), rightId: idOf(gr) });
          }
        }
      } else if (
        toConfidence(edge.account) >= index.options.review &&
        companies.get(lc)!.right.length === 0 &&
        companies.get(rc)!.left.length === 0
      ) {
        review.push(pairOf(l, r, edge, "same_account"));
      }
    }
  }
  return { accepted, review };
}

/** Forced links first, then the strongest evidence. */
function rank(edge: CrossEdge): number {
  return edge.forced ? Number.POSITIVE_INFINITY : edge.account;
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
