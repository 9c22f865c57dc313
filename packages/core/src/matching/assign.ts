import { describeEvidence } from "./evidence.ts";
import type { RecordFeatures } from "./features.ts";
import { toConfidence, type PairScore } from "./score.ts";
import type { MatchPair } from "./types.ts";

/**
 * A scored pair of records kept because it may matter to the decision: across the lists when it reaches the
 * review band, the group band or is forced by an override; inside one list only when accepted (a duplicate).
 */
export interface MatchEdge {
  other: number;
  account: number;
  group: number;
  evidence: number;
  forced: boolean;
}

/** What deciding a component reads: one scope's records, sides, edges, overrides and scores. */
export interface ComponentView {
  readonly records: readonly (RecordFeatures | undefined)[];
  readonly accept: number;
  readonly review: number;
  /** 0 for a record of the scope's left list, 1 for the right one. */
  sideOf(idx: number): 0 | 1;
  edgesOf(idx: number): readonly MatchEdge[];
  /** Whether a never-override forbids this left/right record pair. */
  isVetoed(leftIdx: number, rightIdx: number): boolean;
  /** Whether a never-override forbids two records (either order, any sides) from being one company. */
  isVetoedPair(a: number, b: number): boolean;
  score(a: number, b: number): PairScore;
}

export interface ComponentOutcome {
  accepted: MatchPair[];
  /** The left and right record of each accepted pair, two numbers a pair (the pairs carry only ids). */
  acceptedRecords: number[];
  review: MatchPair[];
  /** The left record of each review pair. */
  reviewLeft: number[];
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
function links(view: ComponentView, from: number, edge: MatchEdge): boolean {
  const side = view.sideOf(from);
  if (side === view.sideOf(edge.other)) return true;
  if (side === 0 ? view.isVetoed(from, edge.other) : view.isVetoed(edge.other, from)) return false;
  return edge.forced || toConfidence(edge.account) >= view.accept;
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
export function decideComponent(view: ComponentView, members: readonly number[]): ComponentOutcome {
  if (members.length === 2) {
    const outcome = decideLonePair(view, members[0]!, members[1]!);
    if (outcome !== undefined) return outcome;
  }
  return decideAnyComponent(view, members);
}

/** decideComponent's general path, for components of any shape (exported for the test of the shortcut). */
export function decideAnyComponent(view: ComponentView, members: readonly number[]): ComponentOutcome {
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
    for (const edge of view.edgesOf(m)) {
      if (edge.other > m && links(view, m, edge)) {
        linksInOrder.push({ a: m, b: edge.other, weight: edge.forced ? Number.POSITIVE_INFINITY : edge.account, key: "" });
      }
    }
  }
  if (linksInOrder.length > 1) {
    for (const link of linksInOrder) link.key = linkKey(view, link.a, link.b);
    linksInOrder.sort(compareLinks);
  }
  for (const { a, b, weight } of linksInOrder) {
    const ra = findRoot(root, a);
    const rb = findRoot(root, b);
    if (ra === rb) continue;
    const ca = cluster.get(ra)!;
    const cb = cluster.get(rb)!;
    if (weight !== Number.POSITIVE_INFINITY && contradicts(view, ca, cb, a, b)) continue;
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
    (view.sideOf(m) === 0 ? company.left : company.right).push(m);
  }

  const accepted: MatchPair[] = [];
  const acceptedRecords: number[] = [];
  for (const company of companies.values()) {
    if (company.left.length === 0 || company.right.length === 0) continue;
    let best: Candidate | undefined;
    for (const l of company.left) {
      for (const edge of view.edgesOf(l)) {
        if (view.sideOf(edge.other) !== 1 || findRoot(root, edge.other) !== findRoot(root, l) || !links(view, l, edge)) continue;
        const weight = edge.forced ? Number.POSITIVE_INFINITY : edge.account;
        if (isBetter(view, weight, l, edge, best)) best = { weight, l, edge };
      }
    }
    for (const l of company.left) {
      for (const r of company.right) {
        if (view.isVetoed(l, r)) continue;
        const edge = edgeBetween(view, l, r);
        if (edge && links(view, l, edge)) accepted.push(pairOf(view, l, r, edge, "same_account"));
        else if (best) accepted.push({ ...pairOf(view, best.l, best.edge.other, best.edge, "same_account"), leftId: idOf(view, l), rightId: idOf(view, r) });
        else continue;
        acceptedRecords.push(l, r);
      }
    }
  }

  // Same-group links between two companies: the strongest one speaks for every record pair of the two.
  const groups = new Map<string, Candidate & { lc: number; rc: number }>();
  const review: MatchPair[] = [];
  const reviewLeft: number[] = [];
  for (const l of members) {
    if (view.sideOf(l) !== 0) continue;
    for (const edge of view.edgesOf(l)) {
      const r = edge.other;
      if (view.sideOf(r) !== 1) continue;
      const lc = findRoot(root, l);
      const rc = findRoot(root, r);
      if (lc === rc || view.isVetoed(l, r)) continue;
      if (toConfidence(edge.group) >= view.accept) {
        const key = `${lc}:${rc}`;
        if (isBetter(view, edge.group, l, edge, groups.get(key))) groups.set(key, { weight: edge.group, l, edge, lc, rc });
      } else if (
        toConfidence(edge.account) >= view.review &&
        companies.get(lc)!.right.length === 0 &&
        companies.get(rc)!.left.length === 0
      ) {
        review.push(pairOf(view, l, r, edge, "same_account"));
        reviewLeft.push(l);
      }
    }
  }
  for (const { l, edge, lc, rc } of groups.values()) {
    for (const gl of companies.get(lc)!.left) {
      for (const gr of companies.get(rc)!.right) {
        if (view.isVetoed(gl, gr)) continue;
        accepted.push({ ...pairOf(view, l, edge.other, edge, "same_group"), leftId: idOf(view, gl), rightId: idOf(view, gr) });
        acceptedRecords.push(gl, gr);
      }
    }
  }
  return { accepted, acceptedRecords, review, reviewLeft, companies: [...cluster.values()] };
}

/**
 * The most common component, a left and a right record joined by one edge and nothing else, decided without
 * the general bookkeeping: exactly what decideComponent's general path decides for it. Undefined for any
 * other shape.
 */
function decideLonePair(view: ComponentView, a: number, b: number): ComponentOutcome | undefined {
  const side = view.sideOf(a);
  if (side === view.sideOf(b)) return undefined;
  const [l, r] = side === 0 ? [a, b] : [b, a];
  const edges = view.edgesOf(l);
  if (edges.length !== 1 || view.edgesOf(r).length !== 1) return undefined;
  const edge = edges[0]!;
  if (links(view, l, edge)) {
    const company = a < b ? [a, b] : [b, a];
    return { accepted: [pairOf(view, l, r, edge, "same_account")], acceptedRecords: [l, r], review: [], reviewLeft: [], companies: [company] };
  }
  const outcome: ComponentOutcome = { accepted: [], acceptedRecords: [], review: [], reviewLeft: [], companies: [[a], [b]] };
  if (view.isVetoed(l, r)) return outcome;
  if (toConfidence(edge.group) >= view.accept) {
    outcome.accepted.push(pairOf(view, l, r, edge, "same_group"));
    outcome.acceptedRecords.push(l, r);
  } else if (toConfidence(edge.account) >= view.review) {
    outcome.review.push(pairOf(view, l, r, edge, "same_account"));
    outcome.reviewLeft.push(l);
  }
  return outcome;
}

function edgeBetween(view: ComponentView, l: number, r: number): MatchEdge | undefined {
  for (const edge of view.edgesOf(l)) if (edge.other === r) return edge;
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

function idOf(view: ComponentView, idx: number): string {
  return view.records[idx]!.id;
}

function pairOf(view: ComponentView, l: number, r: number, edge: MatchEdge, relation: MatchPair["relation"]): MatchPair {
  const confidence = edge.forced && relation === "same_account" ? 1 : toConfidence(relation === "same_group" ? edge.group : edge.account);
  let evidence = describeEvidence(view.records[l]!, view.records[r]!, edge.evidence);
  if (edge.forced && relation === "same_account") evidence = evidence ? `confirmed by override; ${evidence}` : "confirmed by override";
  return { leftId: idOf(view, l), rightId: idOf(view, r), relation, confidence: round(confidence), evidence };
}

/** Ties between equally strong links go to the lowest ids, never to the order edges were found in. */
function isBetter(view: ComponentView, weight: number, l: number, edge: MatchEdge, best: Candidate | undefined): boolean {
  return !best || weight > best.weight || (weight === best.weight && compareIds(view, l, edge.other, best.l, best.edge.other) < 0);
}

interface Link {
  a: number;
  b: number;
  weight: number;
  key: string;
}

/**
 * A record pair's name for ordering: its two ids, lower first, so ties break the same way when the lists are
 * swapped. Ids are unique only within a list, so a last character tells apart pairs of the same two ids: a
 * duplicate inside the left or the right list, or a cross pair with the lower id on the left or the right
 * (with ids shared across the lists, swapping them may then order such ties differently).
 */
function linkKey(view: ComponentView, a: number, b: number): string {
  const x = view.records[a]!.id;
  const y = view.records[b]!.id;
  const [sx, sy] = [view.sideOf(a), view.sideOf(b)];
  const [low, high, lowSide] = x < y || (x === y && sx < sy) ? [x, y, sx] : [y, x, sy];
  const kind = sx === sy ? (sx === 0 ? "l" : "r") : lowSide === 0 ? "x" : "y";
  return `${low}\u0000${high}\u0000${kind}`;
}

/** Below this weight a pair's own evidence says "two companies", whatever links their clusters. */
const CONTRADICTION = 0;
/** Clusters this large (pairs to compare) are merged unchecked, to bound the work. */
const MAX_CHECKED_PAIRS = 2500;

/**
 * Whether a record of one cluster says "another company" of a record of the other. The pair of the link
 * merging them (`linkA` in `a`, `linkB` in `b`) is not re-scored: a link is accepted and not vetoed, so it
 * never contradicts, and two single records (most merges) need no score at all.
 */
function contradicts(view: ComponentView, a: readonly number[], b: readonly number[], linkA: number, linkB: number): boolean {
  if (a.length * b.length > MAX_CHECKED_PAIRS) return false;
  for (const x of a) {
    for (const y of b) {
      if (x === linkA && y === linkB) continue;
      if (view.isVetoedPair(x, y)) return true;
      if (view.score(x, y).account < CONTRADICTION) return true;
    }
  }
  return false;
}

interface Candidate {
  weight: number;
  l: number;
  edge: MatchEdge;
}

function compareIds(view: ComponentView, l1: number, r1: number, l2: number, r2: number): number {
  const a = view.records[l1]!.id;
  const b = view.records[l2]!.id;
  if (a !== b) return a < b ? -1 : 1;
  const c = view.records[r1]!.id;
  const d = view.records[r2]!.id;
  return c === d ? 0 : c < d ? -1 : 1;
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
