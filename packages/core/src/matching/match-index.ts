import { AppError } from "../errors.ts";
import { companyDomain } from "../normalize/company-domain.ts";
import { normalizeCompanyName } from "../normalize/company-name.ts";
import { decideComponent, summarizeCompanies } from "./assign.ts";
import { extractFeatures, type RecordFeatures } from "./features.ts";
import { frequencyLevel, SHARED_CARRIERS, type Frequencies } from "./frequencies.ts";
import { addPosting, postingMembers, postingSize, removePosting, type Posting } from "./postings.ts";
import { featuresOf, type PreparedMatchSide } from "./prepare-side.ts";
import { scorePair, toConfidence } from "./score.ts";
import type {
  MatchChanges,
  MatchOptions,
  MatchOverride,
  MatchPair,
  MatchRecord,
  MatchResult,
  RecordSelector,
} from "./types.ts";

/**
 * A scored pair of records kept because it may matter to the decision: across the lists when it reaches the
 * review band, the group band or is forced by an override; inside one list only when accepted (a duplicate).
 */
export interface CrossEdge {
  other: number;
  account: number;
  group: number;
  evidence: number;
  forced: boolean;
}

/** Changes of one list for an incremental update: new or changed records, and ids deleted. */
export interface MatchSideUpdate {
  upsert?: readonly MatchRecord[];
  remove?: readonly string[];
}

export interface MatchIndex {
  /** The current match set. */
  result(): MatchResult;
  /**
   * Applies added, changed and deleted records and re-matches only what they touch: the result is the same
   * as matching the final lists from scratch.
   */
  update(changes: { left?: MatchSideUpdate; right?: MatchSideUpdate }): MatchChanges;
}

interface ResolvedOptions {
  accept: number;
  review: number;
  maxBlock: number;
  defaultPhoneCountry: string | undefined;
  overrides: readonly MatchOverride[];
}

/**
 * Builds the index of both lists and computes the match set once. Either list may be a prepared side
 * (prepareMatchSide), normalized once for many matches.
 */
export function createMatchIndex(
  left: readonly MatchRecord[] | PreparedMatchSide,
  right: readonly MatchRecord[] | PreparedMatchSide,
  options: MatchOptions = {},
): MatchIndex {
  return new Index(left, right, resolveOptions(options));
}

function resolveOptions(options: MatchOptions): ResolvedOptions {
  const accept = options.acceptConfidence ?? 0.9;
  const review = options.reviewConfidence ?? 0.5;
  if (!(accept > 0 && accept <= 1 && review > 0 && review <= accept)) {
    throw new AppError("invalid_input", `match: need 0 < review confidence <= accept confidence <= 1`);
  }
  for (const override of options.overrides ?? []) {
    if (isEmptySelector(override.left) && isEmptySelector(override.right)) {
      throw new AppError("invalid_input", "match: an override must select records on at least one side");
    }
  }
  return {
    accept,
    review,
    maxBlock: options.maxBlockSize ?? 60,
    defaultPhoneCountry: options.defaultPhoneCountry,
    overrides: options.overrides ?? [],
  };
}

function isEmptySelector(selector: RecordSelector): boolean {
  return selector.id === undefined && selector.domain === undefined && selector.name === undefined;
}

/** Postings up to this size have their carriers counted on the spot (see countCarriers). */
const SMALL_POSTING = 8;

/** Key kinds whose counts the score or the blocking reads; a key is `kind + value`. */
type KeyKind = "d" | "s" | "n" | "t" | "p" | "a";

class Index implements MatchIndex {
  readonly options: ResolvedOptions;
  readonly records: (RecordFeatures | undefined)[] = [];
  readonly ids: [Map<string, number>, Map<string, number>] = [new Map(), new Map()];
  // One posting map per key kind (V8 Maps hold at most 2^24 entries).
  private readonly byDomain = new Map<string, Posting>();
  private readonly byParent = new Map<string, Posting>();
  private readonly byStem = new Map<string, Posting>();
  private readonly byName = new Map<string, Posting>();
  private readonly byToken = new Map<string, Posting>();
  private readonly byPhone = new Map<string, Posting>();
  private readonly byStreet = new Map<string, Posting>();
  /** Records naming a parent id, by side and parent id: their parent's domain is one of their features. */
  private readonly children = new Map<string, number[]>();
  /** Each record's company, named by one of its records (itself when it stands alone). */
  readonly company: number[] = [];
  /** Kept edges of each record (both directions stored). */
  readonly edges: (CrossEdge[] | undefined)[] = [];
  /** Accepted and review pairs, by the index of their left record. */
  private readonly accepted = new Map<number, MatchPair[]>();
  private readonly reviewed = new Map<number, MatchPair[]>();
  private readonly carriers = new Map<string, number>();
  private readonly neverRules: readonly MatchOverride[];
  private readonly alwaysRules: readonly MatchOverride[];
  readonly freq: Frequencies;
  private stamp = new Int32Array(0);
  private generation = 0;
  private readonly found: number[] = [];

  constructor(left: readonly MatchRecord[] | PreparedMatchSide, right: readonly MatchRecord[] | PreparedMatchSide, options: ResolvedOptions) {
    this.options = options;
    this.neverRules = options.overrides.filter((o) => o.decision === "never");
    this.alwaysRules = options.overrides.filter((o) => o.decision === "always");
    this.freq = {
      name: (key) => postingSize(this.byName.get(key)),
      token: (token) => postingSize(this.byToken.get(token)),
      domain: (domain) => this.countCarriers("d", domain),
      phone: (local) => this.countCarriers("p", local),
      street: (key) => this.countCarriers("a", key),
    };
    const added: number[] = [];
    for (const [side, list] of [left, right].entries()) {
      for (const f of featuresOf(list, side as 0 | 1, options.defaultPhoneCountry)) added.push(this.addRecord(f));
    }
    for (const idx of added) this.indexRecord(idx);
    this.growStamp();
    if (this.alwaysRules.length > 0) {
      // Each pair once, from its lower index (candidates are symmetric: both records share a small block).
      for (const idx of added) {
        for (const other of this.candidatesOf(idx)) if (other > idx) this.consider(idx, other);
      }
    } else {
      this.considerBlockPairs();
    }
    this.decide(this.components(added));
  }

  result(): MatchResult {
    const pairs = sortPairs([...this.accepted.values()].flat());
    const review = sortPairs([...this.reviewed.values()].flat());
    return { pairs, review, summary: summarizeCompanies(this, pairs) };
  }

  update(changes: { left?: MatchSideUpdate; right?: MatchSideUpdate }): MatchChanges {
    // 1. Records leaving (deleted, changed, and children whose parent changed) and records entering.
    // Checked before anything changes, so a bad batch leaves the index as it was.
    for (const [side, change] of [changes.left, changes.right].entries()) {
      const seen = new Set<string>();
      for (const { id } of change?.upsert ?? []) {
        if (seen.has(id)) throw new AppError("invalid_input", `match: id '${id}' appears twice in the ${side ? "right" : "left"} upserts`);
        seen.add(id);
      }
    }
    const leaving = new Set<number>();
    const entering: RecordFeatures[] = [];
    const parentsTouched: [0 | 1, string][] = [];
    for (const [s, change] of [changes.left, changes.right].entries()) {
      if (!change) continue;
      const side = s as 0 | 1;
      for (const id of change.remove ?? []) {
        const idx = this.ids[side].get(id);
        if (idx !== undefined) leaving.add(idx);
        parentsTouched.push([side, id]);
      }
      for (const record of change.upsert ?? []) {
        const idx = this.ids[side].get(record.id);
        if (idx !== undefined) leaving.add(idx);
        entering.push(extractFeatures(record, side, this.options.defaultPhoneCountry));
        parentsTouched.push([side, record.id]);
      }
    }
    for (const [side, id] of parentsTouched) {
      for (const child of this.children.get(childKey(side, id)) ?? []) {
        if (leaving.has(child)) continue;
        const f = this.records[child]!;
        leaving.add(child);
        entering.push(extractFeatures(f.record, side, this.options.defaultPhoneCountry));
      }
    }
    const leavingFeatures = [...leaving].map((idx) => this.records[idx]!);
    for (const f of leavingFeatures) this.ids[f.side].delete(f.id);
    const added = entering.map((f) => this.addRecord(f));
    this.growStamp();
    for (const idx of added) this.resolveParent(idx);

    // 2. Keys whose counts change; a key whose step (see Frequencies) changes re-scores every record carrying it.
    const touched = new Map<string, number>();
    for (const f of [...leavingFeatures, ...added.map((idx) => this.records[idx]!)]) {
      for (const key of keysOf(f)) if (!touched.has(key)) touched.set(key, this.signature(key));
    }
    for (const idx of leaving) this.unindexRecord(idx);
    for (const idx of added) this.indexRecord(idx);
    const rescore = new Set<number>(added);
    for (const [key, before] of touched) {
      this.carriers.delete(key);
      if (this.signature(key) === before) continue;
      for (const idx of this.membersOf(key)) rescore.add(idx);
    }

    // 3. The closed region the old edges link to the change; its pairs are decided again.
    const oldRegion = this.closure([...leaving, ...rescore]);
    for (const idx of [...leaving, ...rescore]) this.dropEdges(idx);
    for (const idx of leaving) this.records[idx] = undefined;
    for (const idx of rescore) {
      for (const other of this.candidatesOf(idx)) if (!(rescore.has(other) && other < idx)) this.consider(idx, other);
    }
    const newRegion = this.closure([...oldRegion.filter((idx) => this.records[idx]), ...rescore]);
    const before: MatchPair[] = [];
    for (const idx of new Set([...oldRegion, ...newRegion])) {
      this.company[idx] = idx;
      before.push(...(this.accepted.get(idx) ?? []));
      this.accepted.delete(idx);
      this.reviewed.delete(idx);
    }
    const after = this.decide(this.components(newRegion));
    return diffPairs(before, after);
  }

  /** Whether a never-override forbids this left/right record pair. */
  isVetoed(leftIdx: number, rightIdx: number): boolean {
    if (this.neverRules.length === 0) return false;
    const left = this.records[leftIdx]!;
    const right = this.records[rightIdx]!;
    return this.neverRules.some((rule) => selects(rule.left, left) && selects(rule.right, right));
  }

  /** Whether a never-override forbids two records (either order, any sides) from being one company. */
  isVetoedPair(a: number, b: number): boolean {
    const fa = this.records[a]!;
    const fb = this.records[b]!;
    if (fa.side === fb.side) return false;
    return fa.side === 0 ? this.isVetoed(a, b) : this.isVetoed(b, a);
  }

  /** Decides each component and stores its pairs; returns the accepted ones. */
  private decide(components: readonly number[][]): MatchPair[] {
    const all: MatchPair[] = [];
    for (const members of components) {
      const outcome = decideComponent(this, members);
      for (const company of outcome.companies) for (const idx of company) this.company[idx] = company[0]!;
      for (const pair of outcome.accepted) pushTo(this.accepted, this.ids[0].get(pair.leftId)!, pair);
      for (const pair of outcome.review) pushTo(this.reviewed, this.ids[0].get(pair.leftId)!, pair);
      all.push(...outcome.accepted);
    }
    return all;
  }

  /** Connected components (through kept edges) of the records reachable from the seeds; lone records skipped. */
  private components(seeds: Iterable<number>): number[][] {
    const gen = this.nextGeneration();
    const result: number[][] = [];
    for (const seed of seeds) {
      if (this.stamp[seed] === gen || !this.records[seed] || !this.edges[seed]) continue;
      this.stamp[seed] = gen;
      const queue = [seed];
      for (let i = 0; i < queue.length; i++) {
        for (const edge of this.edges[queue[i]!] ?? []) {
          if (this.stamp[edge.other] === gen) continue;
          this.stamp[edge.other] = gen;
          queue.push(edge.other);
        }
      }
      result.push(queue);
    }
    return result;
  }

  private closure(seeds: readonly number[]): number[] {
    const gen = this.nextGeneration();
    const queue: number[] = [];
    for (const seed of seeds) {
      if (this.stamp[seed] === gen) continue;
      this.stamp[seed] = gen;
      queue.push(seed);
    }
    for (let i = 0; i < queue.length; i++) {
      for (const edge of this.edges[queue[i]!] ?? []) {
        if (this.stamp[edge.other] === gen) continue;
        this.stamp[edge.other] = gen;
        queue.push(edge.other);
      }
    }
    return queue;
  }

  private nextGeneration(): number {
    this.generation++;
    return this.generation;
  }

  private growStamp(): void {
    if (this.stamp.length >= this.records.length) return;
    const grown = new Int32Array(Math.max(this.records.length, this.stamp.length * 2));
    grown.set(this.stamp);
    this.stamp = grown;
  }

  private addRecord(f: RecordFeatures): number {
    if (this.ids[f.side].has(f.id)) {
      throw new AppError("invalid_input", `match: duplicate id '${f.id}' in the ${f.side ? "right" : "left"} list`);
    }
    const idx = this.records.length;
    this.records.push(f);
    this.edges.push(undefined);
    this.company.push(idx);
    this.ids[f.side].set(f.id, idx);
    if (f.parentId !== undefined) pushTo(this.children, childKey(f.side, f.parentId), idx);
    return idx;
  }

  private resolveParent(idx: number): void {
    const f = this.records[idx]!;
    f.parentDomain = undefined;
    if (f.parentId === undefined) return;
    const parent = this.records[this.ids[f.side].get(f.parentId) ?? -1];
    if (parent?.domain) f.parentDomain = parent.domain;
  }

  private indexRecord(idx: number): void {
    const f = this.records[idx]!;
    if (f.parentId !== undefined && f.parentDomain === undefined) this.resolveParent(idx);
    if (f.domain) addPosting(this.byDomain, f.domain, idx);
    if (f.parentDomain) addPosting(this.byParent, f.parentDomain, idx);
    if (f.stem) addPosting(this.byStem, f.stem, idx);
    if (f.nameKey) addPosting(this.byName, f.nameKey, idx);
    for (const alias of f.aliases) addPosting(this.byName, alias, idx);
    for (const token of f.tokens) addPosting(this.byToken, token, idx);
    if (f.phoneLocal) addPosting(this.byPhone, f.phoneLocal, idx);
    if (f.street) addPosting(this.byStreet, f.street, idx);
  }

  private unindexRecord(idx: number): void {
    const f = this.records[idx]!;
    if (f.domain) removePosting(this.byDomain, f.domain, idx);
    if (f.parentDomain) removePosting(this.byParent, f.parentDomain, idx);
    if (f.stem) removePosting(this.byStem, f.stem, idx);
    if (f.nameKey) removePosting(this.byName, f.nameKey, idx);
    for (const alias of f.aliases) removePosting(this.byName, alias, idx);
    for (const token of f.tokens) removePosting(this.byToken, token, idx);
    if (f.phoneLocal) removePosting(this.byPhone, f.phoneLocal, idx);
    if (f.street) removePosting(this.byStreet, f.street, idx);
    const siblings = this.children.get(childKey(f.side, f.parentId ?? ""));
    if (f.parentId !== undefined && siblings) {
      const rest = siblings.filter((x) => x !== idx);
      if (rest.length > 0) this.children.set(childKey(f.side, f.parentId), rest);
      else this.children.delete(childKey(f.side, f.parentId));
    }
  }

  private dropEdges(idx: number): void {
    for (const edge of this.edges[idx] ?? []) {
      const back = this.edges[edge.other]?.filter((e) => e.other !== idx);
      this.edges[edge.other] = back && back.length > 0 ? back : undefined;
    }
    this.edges[idx] = undefined;
  }

  /**
   * Bulk candidate generation, the same pairs as candidatesOf without always-overrides: every pair inside each
   * small block. Walking the posting maps in order touches memory sequentially, where looking every record's
   * keys up again would jump around maps of millions of keys.
   */
  private considerBlockPairs(): void {
    const max = this.options.maxBlock;
    const higher: (number[] | undefined)[] = new Array(this.records.length);
    const members: number[] = [];
    const collect = (posting: Posting | undefined) => {
      if (posting === undefined) return;
      if (typeof posting === "number") members.push(posting);
      else for (const idx of posting) members.push(idx);
    };
    const emit = () => {
      for (let i = 0; i < members.length; i++) {
        for (let k = i + 1; k < members.length; k++) {
          const a = members[i]!;
          const b = members[k]!;
          if (a !== b) (higher[Math.min(a, b)] ??= []).push(Math.max(a, b));
        }
      }
      members.length = 0;
    };
    for (const [domain, own] of this.byDomain) {
      const children = this.byParent.size > 0 ? this.byParent.get(domain) : undefined;
      if (typeof own === "number" && children === undefined) continue;
      if (postingSize(own) + postingSize(children) > max) continue;
      collect(own);
      collect(children);
      emit();
    }
    for (const [domain, children] of this.byParent) {
      if (this.byDomain.has(domain) || postingSize(children) > max) continue;
      collect(children);
      emit();
    }
    for (const [map, minLength] of [[this.byStem, 0], [this.byName, 0], [this.byPhone, 0], [this.byStreet, 0], [this.byToken, 3]] as const) {
      for (const [key, posting] of map) {
        if (typeof posting === "number" || postingSize(posting) > max || key.length < minLength) continue;
        collect(posting);
        emit();
      }
    }
    for (let idx = 0; idx < higher.length; idx++) {
      const others = higher[idx];
      if (!others) continue;
      const gen = this.nextGeneration();
      for (const other of others) {
        if (this.stamp[other] === gen) continue;
        this.stamp[other] = gen;
        this.consider(idx, other);
      }
      higher[idx] = undefined;
    }
  }

  /**
   * The records sharing a blocking key with idx in a block of at most maxBlock records (larger blocks are too
   * common to separate companies), and the records an always-override pairs it with; each once. Returns a
   * shared buffer, valid until the next call.
   */
  private candidatesOf(idx: number): number[] {
    const f = this.records[idx]!;
    const found = this.found;
    found.length = 0;
    this.stamp[idx] = this.nextGeneration();
    // A domain's block: the records carrying it and the records whose parent carries it, as one block so
    // that a record is a candidate of another exactly when the other is one of its own.
    if (f.domain) this.scanDomain(f.domain);
    if (f.parentDomain) this.scanDomain(f.parentDomain);
    if (f.stem) this.scan(this.byStem.get(f.stem));
    if (f.nameKey) this.scan(this.byName.get(f.nameKey));
    for (const alias of f.aliases) this.scan(this.byName.get(alias));
    if (f.phoneLocal) this.scan(this.byPhone.get(f.phoneLocal));
    if (f.street) this.scan(this.byStreet.get(f.street));
    // Shared rare name tokens: typos and word-order changes elsewhere in the name.
    for (const token of f.tokens) if (token.length >= 3) this.scan(this.byToken.get(token));
    for (const rule of this.alwaysRules) {
      const [mine, theirs] = f.side === 0 ? [rule.left, rule.right] : [rule.right, rule.left];
      if (selects(mine, f)) this.scan(this.select(theirs, f.side === 0 ? 1 : 0), true);
    }
    return found;
  }

  private scanDomain(domain: string): void {
    const own = this.byDomain.get(domain);
    const children = this.byParent.get(domain);
    if (postingSize(own) + postingSize(children) > this.options.maxBlock) return;
    this.scan(own);
    this.scan(children);
  }

  private scan(posting: Posting | undefined, anySize = false): void {
    if (posting === undefined) return;
    const gen = this.generation;
    if (typeof posting === "number") {
      if (this.stamp[posting] !== gen) {
        this.stamp[posting] = gen;
        this.found.push(posting);
      }
      return;
    }
    if (!anySize && postingSize(posting) > this.options.maxBlock) return;
    for (const other of posting) {
      if (this.stamp[other] === gen) continue;
      this.stamp[other] = gen;
      this.found.push(other);
    }
  }

  /** Scores a candidate pair and keeps the edge when it may matter. */
  private consider(i: number, k: number): void {
    const a = this.records[i]!;
    const b = this.records[k]!;
    const score = scorePair(a, b, this.freq);
    if (a.side === b.side) {
      if (toConfidence(score.account) >= this.options.accept) this.link(i, k, score, false);
      return;
    }
    const forced = this.isForced(a.side === 0 ? a : b, a.side === 0 ? b : a);
    if (!forced && toConfidence(score.account) < this.options.review && toConfidence(score.group) < this.options.accept) return;
    this.link(i, k, score, forced);
  }

  private link(i: number, k: number, score: { account: number; group: number; evidence: number }, forced: boolean): void {
    const { account, group, evidence } = score;
    (this.edges[i] ??= []).push({ other: k, account, group, evidence, forced });
    (this.edges[k] ??= []).push({ other: i, account, group, evidence, forced });
  }

  private isForced(left: RecordFeatures, right: RecordFeatures): boolean {
    if (this.alwaysRules.length === 0) return false;
    return this.alwaysRules.some((rule) => selects(rule.left, left) && selects(rule.right, right));
  }

  /** Records of one side a selector picks, found through the id, domain or name maps. */
  private select(selector: RecordSelector, side: 0 | 1): number[] {
    let found: Iterable<number>;
    if (selector.id !== undefined) {
      const idx = this.ids[side].get(selector.id);
      found = idx === undefined ? [] : [idx];
    } else if (selector.domain !== undefined) {
      found = postingMembers(this.byDomain.get(companyDomain(selector.domain) ?? ""));
    } else if (selector.name !== undefined) {
      found = postingMembers(this.byName.get(normalizeCompanyName(selector.name).key));
    } else {
      found = this.ids[side].values();
    }
    return [...found].filter((idx) => {
      const f = this.records[idx];
      return f !== undefined && f.side === side && selects(selector, f);
    });
  }

  /** Everything the score and the blocking read of a key's counts, as one number (no closures: a hot path). */
  private signature(key: string): number {
    const kind = key[0] as KeyKind;
    const value = key.slice(1);
    const max = this.options.maxBlock;
    switch (kind) {
      case "d": {
        const small = postingSize(this.byDomain.get(value)) + postingSize(this.byParent.get(value)) <= max ? 1 : 0;
        return small + (this.countCarriers(kind, value) > SHARED_CARRIERS ? 2 : 0);
      }
      case "s":
        return postingSize(this.byStem.get(value)) <= max ? 1 : 0;
      case "n":
      case "t": {
        const size = postingSize((kind === "n" ? this.byName : this.byToken).get(value));
        return (size <= max ? 1 : 0) + 2 * frequencyLevel(size);
      }
      case "p":
      case "a": {
        const size = postingSize((kind === "p" ? this.byPhone : this.byStreet).get(value));
        return (size <= max ? 1 : 0) + (this.countCarriers(kind, value) > SHARED_CARRIERS ? 2 : 0);
      }
    }
  }

  private membersOf(key: string): number[] {
    const value = key.slice(1);
    const maps: Record<KeyKind, Map<string, Posting>[]> = {
      d: [this.byDomain, this.byParent],
      s: [this.byStem],
      n: [this.byName],
      t: [this.byToken],
      p: [this.byPhone],
      a: [this.byStreet],
    };
    return maps[key[0] as KeyKind].flatMap((map) => [...postingMembers(map.get(value))]);
  }

  /**
   * Distinct names per side carrying a domain, phone or street, the larger side: duplicates of one company
   * do not make its value common, many companies sharing it (a reseller's domain, a switchboard) do.
   */
  private countCarriers(kind: KeyKind, value: string): number {
    const map = kind === "d" ? this.byDomain : kind === "p" ? this.byPhone : this.byStreet;
    const posting = map.get(value);
    const size = postingSize(posting);
    // Small postings (most) are counted on the spot: cheaper than building a cache key.
    if (size <= SMALL_POSTING) return size <= 1 ? size : this.countSmall(posting as number[]);
    const key = kind + value;
    let count = this.carriers.get(key);
    if (count !== undefined) return count;
    if (size > 4 * this.options.maxBlock) count = size;
    else {
      const names: [Set<string>, Set<string>] = [new Set(), new Set()];
      for (const idx of postingMembers(posting)) {
        const f = this.records[idx]!;
        names[f.side].add(f.nameKey);
      }
      count = Math.max(names[0].size, names[1].size);
    }
    this.carriers.set(key, count);
    return count;
  }

  /** Distinct names per side among a few records, the larger side, without allocating. */
  private countSmall(posting: readonly number[]): number {
    const counts = [0, 0];
    for (let i = 0; i < posting.length; i++) {
      const f = this.records[posting[i]!]!;
      let repeat = false;
      for (let k = 0; k < i && !repeat; k++) {
        const g = this.records[posting[k]!]!;
        repeat = g.side === f.side && g.nameKey === f.nameKey;
      }
      if (!repeat) counts[f.side]!++;
    }
    return Math.max(counts[0]!, counts[1]!);
  }
}

/** The keys of a record whose counts matter (see Index.signature). */
function keysOf(f: RecordFeatures): string[] {
  const keys: string[] = [];
  if (f.domain) keys.push(`d${f.domain}`);
  if (f.parentDomain) keys.push(`d${f.parentDomain}`);
  if (f.stem) keys.push(`s${f.stem}`);
  if (f.nameKey) keys.push(`n${f.nameKey}`);
  for (const alias of f.aliases) keys.push(`n${alias}`);
  for (const token of f.tokens) keys.push(`t${token}`);
  if (f.phoneLocal) keys.push(`p${f.phoneLocal}`);
  if (f.street) keys.push(`a${f.street}`);
  return keys;
}

function childKey(side: 0 | 1, parentId: string): string {
  return `${side}\u0000${parentId}`;
}

function selects(selector: RecordSelector, f: RecordFeatures): boolean {
  if (selector.id !== undefined && selector.id !== f.id) return false;
  if (selector.domain !== undefined && companyDomain(selector.domain) !== f.domain) return false;
  if (selector.name !== undefined && normalizeCompanyName(selector.name).key !== f.nameKey) return false;
  return true;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function comparePairs(a: MatchPair, b: MatchPair): number {
  return a.leftId < b.leftId ? -1 : a.leftId > b.leftId ? 1 : a.rightId < b.rightId ? -1 : a.rightId > b.rightId ? 1 : 0;
}

function sortPairs(pairs: MatchPair[]): MatchPair[] {
  return pairs.sort(comparePairs);
}

function pairKey(pair: MatchPair): string {
  return `${pair.leftId}\u0000${pair.rightId}\u0000${pair.relation}\u0000${pair.confidence}\u0000${pair.evidence}`;
}

function diffPairs(before: readonly MatchPair[], after: readonly MatchPair[]): MatchChanges {
  const beforeKeys = new Map(before.map((p) => [pairKey(p), p]));
  const afterKeys = new Map(after.map((p) => [pairKey(p), p]));
  return {
    added: sortPairs([...afterKeys].filter(([key]) => !beforeKeys.has(key)).map(([, p]) => p)),
    removed: sortPairs([...beforeKeys].filter(([key]) => !afterKeys.has(key)).map(([, p]) => p)),
  };
}

export type { Index as MatchIndexState };
