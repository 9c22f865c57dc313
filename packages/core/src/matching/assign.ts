import { describeEvidence } from "./evidence.ts";
import type { CrossEdge, MatchIndexState } from "./match-index.ts";
import { scorePair, toConfidence } from "./score.ts";
import type { MatchPair, MatchResult } from "./types.ts";

export interface ComponentOutcome {
  accepted: MatchPair[];
  review: MatchPair[];
  /** The component's companies, as lists of record indexes. */
  companies: number[][];
}

/** One company: the records of both lists joined by accepted duplicate and cross links. */
interface Company {
  left: number[];
  right: number[];
}

/**
 * Whether an edge joins two records into one company: a duplicate inside a list (kept only when accepted),
 * or a cross edge forced by an always-override or accepted by the engine, and not vetoed by a never-override
 * (overrides win over the engine, and never over always).
 */
function links(index: MatchIndexState, from: number, edge: CrossEdge): boolean {
  const a = index.records[from]!;
  const b = index.records[edge.other]!;
  if (a.side === b.side) return true;
  if (a.side === 0 ? index.isVetoed(from, edge.other) : index.isVetoed(edge.other, from)) return false;
  return edge.forced || toConfidence(edge.account) >= index.options.accept;
}

/**
 * Decides one connected component of kept edges (it is closed: no edge leaves it), independently of the
 * order edges were found in, so an incremental update decides exactly as a full run. Companies are the
 * components of accepted links, duplicates inside a list and matches across lists alike: a company with
 * records on both sides is one overlapping company for both lists. Every left x right record pair of an
 * overlapping company is written (vetoed pairs excepted), with the confidence and evidence of its own link
 * or else of the company's strongest link. Same-group pairs link companies of one brand or parent; review
 * pairs are candidate links between companies that did not match.
 */
export function decideComponent(index: MatchIndexState, members: readonly number[]): ComponentOutcome {
  const root = new Map<number, number>();
  const cluster = new Map<number, number[]>();
  for (const m of members) {
    root.set(m, m);
    cluster.set(m, [m]);
  }
  // Strongest links first (ties by ids, not by the order edges were found in); a link does not merge two
  // clusters when any record of one contradicts a record of the other (one org at two sites chained through
  // a shared phone): companies stay coherent, not just connected. Overrides always merge.
  const linksInOrder: Link[] = [];
  for (const m of members) {
    for (const edge of index.edges[m] ?? []) {
      if (edge.other > m && links(index, m, edge)) {
        linksInOrder.push({ a: m, b: edge.other, weight: edge.forced ? Number.POSITIVE_INFINITY : edge.account, key: "" });
      }
    }
  }
  if (linksInOrder.length > 1) {
    for (const link of linksInOrder) link.key = linkKey(index, link.a, link.b);
    linksInOrder.sort(compareLinks);
  }
  for (const { a, b, weight } of linksInOrder) {
    const ra = findRoot(root, a);
    const rb = findRoot(root, b);
    if (ra === rb) continue;
    const ca = cluster.get(ra)!;
    const cb = cluster.get(rb)!;
    if (weight !== Number.POSITIVE_INFINITY && contradicts(index, ca, cb)) continue;
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    root.set(gone, keep);
    cluster.set(keep, [...ca, ...cb]);
    cluster.delete(gone);
  }
  const companies = new Map<number, Company>();
  for (const m of members) {
    const key = findRoot(root, m);
    let company = companies.get(key);
    if (!company) companies.set(key, (company = { left: [], right: [] }));
    (index.records[m]!.side === 0 ? company.left : company.right).push(m);
  }


  const accepted: MatchPair[] = [];
  for (const company of companies.values()) {
    if (company.left.length === 0 || company.right.length === 0) continue;
    let best: Candidate | undefined;
    for (const l of company.left) {
      for (const edge of index.edges[l] ?? []) {
        if (index.records[edge.other]!.side !== 1 || findRoot(root, edge.other) !== findRoot(root, l) || !links(index, l, edge)) continue;
        const weight = edge.forced ? Number.POSITIVE_INFINITY : edge.account;
        if (isBetter(index, weight, l, edge, best)) best = { weight, l, edge };
      }
    }
    for (const l of company.left) {
      for (const r of company.right) {
        if (index.isVetoed(l, r)) continue;
        const edge = edgeBetween(index, l, r);
        if (edge && links(index, l, edge)) accepted.push(pairOf(index, l, r, edge, "same_account"));
        else if (best) accepted.push({ ...pairOf(index, best.l, best.edge.other, best.edge, "same_account"), leftId: idOf(index, l), rightId: idOf(index, r) });
      }
    }
  }

  // Same-group links between two companies: the strongest one speaks for every record pair of the two.
  const groups = new Map<string, Candidate & { lc: number; rc: number }>();
  const review: MatchPair[] = [];
  for (const l of members) {
    if (index.records[l]!.side !== 0) continue;
    for (const edge of index.edges[l] ?? []) {
      const r = edge.other;
      if (index.records[r]!.side !== 1) continue;
      const lc = findRoot(root, l);
      const rc = findRoot(root, r);
      if (lc === rc || index.isVetoed(l, r)) continue;
      if (toConfidence(edge.group) >= index.options.accept) {
        const key = `${lc}:${rc}`;
        if (isBetter(index, edge.group, l, edge, groups.get(key))) groups.set(key, { weight: edge.group, l, edge, lc, rc });
      } else if (
        toConfidence(edge.account) >= index.options.review &&
        companies.get(lc)!.right.length === 0 &&
        companies.get(rc)!.left.length === 0
      ) {
        review.push(pairOf(index, l, r, edge, "same_account"));
      }
    }
  }
  for (const { l, edge, lc, rc } of groups.values()) {
    for (const gl of companies.get(lc)!.left) {
      for (const gr of companies.get(rc)!.right) {
        if (index.isVetoed(gl, gr)) continue;
        accepted.push({ ...pairOf(index, l, edge.other, edge, "same_group"), leftId: idOf(index, gl), rightId: idOf(index, gr) });
      }
    }
  }
  return { accepted, review, companies: [...cluster.values()] };
}

function edgeBetween(index: MatchIndexState, l: number, r: number): CrossEdge | undefined {
  for (const edge of index.edges[l] ?? []) if (edge.other === r) return edge;
  return undefined;
}

function findRoot(root: Map<number, number>, x: number): number {
  let r = x;
  while (root.get(r)! !== r) r = root.get(r)!;
  root.set(x, r);
  return r;
}

function compareLinks(x: Link, y: Link): number {
  return y.weight - x.weight || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

function idOf(index: MatchIndexState, idx: number): string {
  return index.records[idx]!.id;
}

function pairOf(index: MatchIndexState, l: number, r: number, edge: CrossEdge, relation: MatchPair["relation"]): MatchPair {
  const confidence = edge.forced && relation === "same_account" ? 1 : toConfidence(relation === "same_group" ? edge.group : edge.account);
  let evidence = describeEvidence(index.records[l]!, index.records[r]!, edge.evidence);
  if (edge.forced && relation === "same_account") evidence = evidence ? `confirmed by override; ${evidence}` : "confirmed by override";
  return { leftId: idOf(index, l), rightId: idOf(index, r), relation, confidence: round(confidence), evidence };
}

/** Ties between equally strong links go to the lowest ids, never to the order edges were found in. */
function isBetter(index: MatchIndexState, weight: number, l: number, edge: CrossEdge, best: Candidate | undefined): boolean {
  return !best || weight > best.weight || (weight === best.weight && compareIds(index, l, edge.other, best.l, best.edge.other) < 0);
}

interface Link {
  a: number;
  b: number;
  weight: number;
  key: string;
}

/**
 * A record pair's name for ordering: its two ids, lower first. The same whichever run found the pair and
 * whichever list is called left, so ties break the same way when the lists are swapped.
 */
function linkKey(index: MatchIndexState, a: number, b: number): string {
  const x = index.records[a]!.id;
  const y = index.records[b]!.id;
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

/** Below this weight a pair's own evidence says "two companies", whatever links their clusters. */
const CONTRADICTION = 0;
/** Clusters this large (pairs to compare) are merged unchecked, to bound the work. */
const MAX_CHECKED_PAIRS = 2500;

function contradicts(index: MatchIndexState, a: readonly number[], b: readonly number[]): boolean {
  if (a.length * b.length > MAX_CHECKED_PAIRS) return false;
  for (const x of a) {
    for (const y of b) {
      if (index.isVetoedPair(x, y)) return true;
      if (scorePair(index.records[x]!, index.records[y]!, index.freq).account < CONTRADICTION) return true;
    }
  }
  return false;
}

interface Candidate {
  weight: number;
  l: number;
  edge: CrossEdge;
}

function compareIds(index: MatchIndexState, l1: number, r1: number, l2: number, r2: number): number {
  const a = index.records[l1]!.id;
  const b = index.records[l2]!.id;
  if (a !== b) return a < b ? -1 : 1;
  const c = index.records[r1]!.id;
  const d = index.records[r2]!.id;
  return c === d ? 0 : c < d ? -1 : 1;
}

/** Per-side record and company counts over the whole index, from each record's company (see MatchIndexState). */
export function summarizeCompanies(index: MatchIndexState, pairs: readonly MatchPair[]): MatchResult["summary"] {
  const n = index.records.length;
  const sides = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const f = index.records[i];
    if (f) sides[index.company[i]!]! |= f.side === 0 ? 1 : 2;
  }
  let overlapping = 0;
  const companies: [number, number] = [0, 0];
  for (const bits of sides) {
    if (bits & 1) companies[0]++;
    if (bits & 2) companies[1]++;
    if (bits === 3) overlapping++;
  }
  const matched: [Set<string>, Set<string>] = [new Set(), new Set()];
  for (const pair of pairs) {
    if (pair.relation !== "same_account") continue;
    matched[0].add(pair.leftId);
    matched[1].add(pair.rightId);
  }
  return {
    overlappingCompanies: overlapping,
    left: { records: index.ids[0].size, companies: companies[0], matchedRecords: matched[0].size },
    right: { records: index.ids[1].size, companies: companies[1], matchedRecords: matched[1].size },
  };
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
