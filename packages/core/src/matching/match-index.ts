import { AppError } from "../errors.ts";
import { companyDomain } from "../normalize/company-domain.ts";
import { normalizeCompanyName } from "../normalize/company-name.ts";
import { assignRegion, groupCompanies, type RegionOutcome } from "./assign.ts";
import { extractFeatures, type RecordFeatures } from "./features.ts";
import type { Frequencies } from "./frequencies.ts";
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

/** A scored pair of records from the two lists, kept when it may matter to the decision. */
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
  /** Applies added, changed and deleted records and re-matches only the companies they touch. */
  update(changes: { left?: MatchSideUpdate; right?: MatchSideUpdate }): MatchChanges;
}

type Posting = number | number[];

interface ResolvedOptions {
  accept: number;
  review: number;
  maxBlock: number;
  defaultPhoneCountry: string | undefined;
  overrides: readonly MatchOverride[];
}

/** Builds the index of both lists and computes the match set once. */
export function createMatchIndex(
  left: readonly MatchRecord[],
  right: readonly MatchRecord[],
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

class Index implements MatchIndex {
  readonly options: ResolvedOptions;
  readonly records: (RecordFeatures | undefined)[] = [];
  readonly ids: [Map<string, number>, Map<string, number>] = [new Map(), new Map()];
  // One posting map per key kind (V8 Maps hold at most 2^24 entries).
  readonly byDomain = new Map<string, Posting>();
  readonly byStem = new Map<string, Posting>();
  readonly byName = new Map<string, Posting>();
  readonly byToken = new Map<string, Posting>();
  readonly byPhone = new Map<string, Posting>();
  readonly byStreet = new Map<string, Posting>();
  readonly byParentDomain = new Map<string, Posting>();
  readonly tokenCounts = new Map<string, number>();
  readonly blockTokens = new Map<number, string[]>();
  /** Accepted duplicate links inside a list. */
  readonly duplicates = new Map<number, number[]>();
  readonly cross = new Map<number, CrossEdge[]>();
  /** Accepted and review pairs, by the index of their left record. */
  readonly accepted = new Map<number, MatchPair[]>();
  readonly reviewed = new Map<number, MatchPair[]>();
  private readonly domainCarriers = new Map<string, [number, number]>();
  private readonly phoneCarriers = new Map<string, [number, number]>();
  private readonly streetCarriers = new Map<string, [number, number]>();
  private readonly neverRules: readonly MatchOverride[];
  readonly freq: Frequencies;
  private stamp = new Int32Array(0);

  constructor(left: readonly MatchRecord[], right: readonly MatchRecord[], options: ResolvedOptions) {
    this.options = options;
    this.neverRules = options.overrides.filter((o) => o.decision === "never");
    this.freq = {
      total: 0,
      name: (key) => postingSize(this.byName.get(key)),
      token: (token) => this.tokenCounts.get(token) ?? 0,
      domain: (domain, side) => this.countCarriers(this.byDomain, this.domainCarriers, domain)[side],
      phone: (local) => Math.max(...this.countCarriers(this.byPhone, this.phoneCarriers, local)),
      street: (key) => Math.max(...this.countCarriers(this.byStreet, this.streetCarriers, key)),
    };
    const added: number[] = [];
    for (const [side, list] of [left, right].entries()) {
      for (const record of list) added.push(this.addRecord(record, side as 0 | 1));
    }
    for (const idx of added) this.indexRecord(idx);
    this.freq.total = added.length;
    this.stamp = new Int32Array(this.records.length).fill(-1);
    // Bulk candidate generation: each pair is scored once, by its lower index.
    for (const idx of added) this.scoreCandidates(idx, true);
    this.scoreTokenBlocks();
    for (const override of options.overrides) {
      if (override.decision === "always") this.addForcedEdges(override, undefined);
    }
    this.storeOutcome(assignRegion(this, added));
  }

  result(): MatchResult {
    const pairs = sortPairs([...this.accepted.values()].flat());
    const review = sortPairs([...this.reviewed.values()].flat());
    return { pairs, review, summary: this.summarize(pairs) };
  }

  update(changes: { left?: MatchSideUpdate; right?: MatchSideUpdate }): MatchChanges {
    const removed: number[] = [];
    const upserts: [MatchRecord, 0 | 1][] = [];
    for (const [side, change] of [changes.left, changes.right].entries()) {
      if (!change) continue;
      for (const id of change.remove ?? []) {
        const idx = this.ids[side]!.get(id);
        if (idx !== undefined) removed.push(idx);
      }
      for (const record of change.upsert ?? []) {
        const idx = this.ids[side]!.get(record.id);
        if (idx !== undefined) removed.push(idx);
        upserts.push([record, side as 0 | 1]);
      }
    }
    const oldRegion = this.closure(removed);
    const before = this.collectPairs(oldRegion);
    for (const idx of new Set(removed)) this.removeRecord(idx);
    const added = upserts.map(([record, side]) => this.addRecord(record, side));
    for (const idx of added) this.indexRecord(idx);
    this.freq.total += added.length - new Set(removed).size;
    if (this.stamp.length < this.records.length) {
      const grown = new Int32Array(Math.max(this.records.length, this.stamp.length * 2)).fill(-1);
      this.stamp = grown;
    }
    for (const idx of added) this.scoreCandidates(idx, false);
    for (const override of this.options.overrides) {
      if (override.decision === "always") this.addForcedEdges(override, added);
    }
    const region = this.closure([...added, ...oldRegion.filter((idx) => this.records[idx])]);
    const touched = new Set([...oldRegion, ...region]);
    const stale = this.collectPairs([...touched].filter((idx) => !oldRegion.includes(idx)));
    for (const idx of touched) {
      this.accepted.delete(idx);
      this.reviewed.delete(idx);
    }
    this.storeOutcome(assignRegion(this, region));
    const after = this.collectPairs(region);
    return diffPairs([...before, ...stale], after);
  }

  /** The neighbours of a record in both edge sets. */
  neighbours(idx: number): number[] {
    const result = [...(this.duplicates.get(idx) ?? [])];
    for (const edge of this.cross.get(idx) ?? []) result.push(edge.other);
    return result;
  }

  /** Whether a never-override forbids this left/right record pair. */
  isVetoed(leftIdx: number, rightIdx: number): boolean {
    if (this.neverRules.length === 0) return false;
    const left = this.records[leftIdx]!;
    const right = this.records[rightIdx]!;
    return this.neverRules.some((rule) => selects(rule.left, left) && selects(rule.right, right));
  }

  private storeOutcome(outcome: RegionOutcome): void {
    for (const pair of outcome.accepted) pushTo(this.accepted, this.ids[0].get(pair.leftId)!, pair);
    for (const pair of outcome.review) pushTo(this.reviewed, this.ids[0].get(pair.leftId)!, pair);
  }

  private collectPairs(region: readonly number[]): MatchPair[] {
    const pairs: MatchPair[] = [];
    for (const idx of region) pairs.push(...(this.accepted.get(idx) ?? []));
    return pairs;
  }

  /** Every record connected to the seeds through duplicate or cross edges: a region re-matched as a whole. */
  private closure(seeds: readonly number[]): number[] {
    const seen = new Set<number>(seeds);
    const queue = [...seen];
    for (let i = 0; i < queue.length; i++) {
      for (const next of this.neighbours(queue[i]!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return queue;
  }

  private addRecord(record: MatchRecord, side: 0 | 1): number {
    if (this.ids[side].has(record.id)) {
      throw new AppError("invalid_input", `match: duplicate id '${record.id}' in the ${side ? "right" : "left"} list`);
    }
    const idx = this.records.length;
    this.records.push(extractFeatures(record, side, this.options.defaultPhoneCountry));
    this.ids[side].set(record.id, idx);
    return idx;
  }

  /** Adds a record to the posting maps; rare-token keys are picked from the counts known so far. */
  private indexRecord(idx: number): void {
    const f = this.records[idx]!;
    for (const token of f.tokens) this.tokenCounts.set(token, (this.tokenCounts.get(token) ?? 0) + 1);
    if (f.domain) {
      addPosting(this.byDomain, f.domain, idx);
      this.domainCarriers.delete(f.domain);
    }
    if (f.stem) addPosting(this.byStem, f.stem, idx);
    if (f.nameKey) addPosting(this.byName, f.nameKey, idx);
    for (const alias of f.aliases) addPosting(this.byName, alias, idx);
    if (f.phoneLocal) addPosting(this.byPhone, f.phoneLocal, idx);
    if (f.street) addPosting(this.byStreet, f.street, idx);
    if (f.phoneLocal) this.phoneCarriers.delete(f.phoneLocal);
    if (f.street) this.streetCarriers.delete(f.street);
    if (f.parentId) {
      const parent = this.records[this.ids[f.side].get(f.parentId) ?? -1];
      if (parent?.domain) {
        f.parentDomain = parent.domain;
        addPosting(this.byParentDomain, parent.domain, idx);
      }
    }
  }

  private removeRecord(idx: number): void {
    const f = this.records[idx];
    if (!f) return;
    for (const token of f.tokens) this.tokenCounts.set(token, (this.tokenCounts.get(token) ?? 1) - 1);
    if (f.domain) {
      removePosting(this.byDomain, f.domain, idx);
      this.domainCarriers.delete(f.domain);
    }
    if (f.stem) removePosting(this.byStem, f.stem, idx);
    if (f.nameKey) removePosting(this.byName, f.nameKey, idx);
    for (const alias of f.aliases) removePosting(this.byName, alias, idx);
    if (f.phoneLocal) removePosting(this.byPhone, f.phoneLocal, idx);
    if (f.street) removePosting(this.byStreet, f.street, idx);
    if (f.phoneLocal) this.phoneCarriers.delete(f.phoneLocal);
    if (f.street) this.streetCarriers.delete(f.street);
    if (f.parentDomain) removePosting(this.byParentDomain, f.parentDomain, idx);
    for (const token of this.blockTokens.get(idx) ?? []) removePosting(this.byToken, token, idx);
    this.blockTokens.delete(idx);
    for (const other of this.duplicates.get(idx) ?? []) {
      const list = this.duplicates.get(other)?.filter((x) => x !== idx) ?? [];
      if (list.length > 0) this.duplicates.set(other, list);
      else this.duplicates.delete(other);
    }
    for (const edge of this.cross.get(idx) ?? []) {
      const list = this.cross.get(edge.other)?.filter((e) => e.other !== idx) ?? [];
      if (list.length > 0) this.cross.set(edge.other, list);
      else this.cross.delete(edge.other);
    }
    this.duplicates.delete(idx);
    this.cross.delete(idx);
    this.ids[f.side].delete(f.id);
    this.records[idx] = undefined;
  }

  /**
   * Scores a record against every record sharing one of its blocking keys; oversized blocks are
   * skipped (their key is too common to separate companies). In bulk mode only higher indexes are
   * paired, so each pair is scored once.
   */
  private scoreCandidates(idx: number, bulk: boolean): void {
    const f = this.records[idx]!;
    const max = this.options.maxBlock;
    const visit = (posting: Posting | undefined) => {
      if (posting === undefined) return;
      if (typeof posting === "number") {
        this.consider(idx, posting, bulk);
        return;
      }
      if (posting.length > max) return;
      for (const other of posting) this.consider(idx, other, bulk);
    };
    if (f.domain) {
      visit(this.byDomain.get(f.domain));
      visit(this.byParentDomain.get(f.domain));
    }
    if (f.parentDomain) {
      visit(this.byDomain.get(f.parentDomain));
      visit(this.byParentDomain.get(f.parentDomain));
    }
    if (f.stem) visit(this.byStem.get(f.stem));
    if (f.nameKey) visit(this.byName.get(f.nameKey));
    for (const alias of f.aliases) visit(this.byName.get(alias));
    if (f.phoneLocal) visit(this.byPhone.get(f.phoneLocal));
    if (f.street) visit(this.byStreet.get(f.street));
    // The two rarest name tokens (not the name key itself): typos and word-order changes elsewhere in the name.
    const rare = f.tokens
      .filter((t) => t.length >= 3)
      .map((t) => [t, this.tokenCounts.get(t) ?? 0] as const)
      .filter(([, count]) => count > 1 && count <= max)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 2)
      .map(([t]) => t);
    for (const token of rare) addPosting(this.byToken, token, idx);
    this.blockTokens.set(idx, rare);
    if (!bulk) for (const token of rare) visit(this.byToken.get(token));
  }

  /** In bulk mode, token blocks are visited once all records are in them. */
  private scoreTokenBlocks(): void {
    for (const posting of this.byToken.values()) {
      if (typeof posting === "number" || posting.length > this.options.maxBlock) continue;
      for (let i = 0; i < posting.length; i++) {
        for (let k = i + 1; k < posting.length; k++) this.consider(posting[i]!, posting[k]!, true, true);
      }
    }
  }

  private consider(idx: number, other: number, bulk: boolean, tokenPass = false): void {
    if (other === idx || (bulk && !tokenPass && other < idx)) return;
    const low = Math.min(idx, other);
    const high = Math.max(idx, other);
    if (tokenPass) {
      // The token pass sees pairs the key pass already scored: skip those by re-checking shared keys.
      if (this.shareKey(low, high)) return;
      if (this.hasEdge(low, high)) return;
    } else {
      if (this.stamp[other] === idx) return;
      this.stamp[other] = idx;
    }
    const a = this.records[low]!;
    const b = this.records[high]!;
    const score = scorePair(a, b, this.freq);
    if (a.side === b.side) {
      if (toConfidence(score.account) >= this.options.accept) {
        pushTo(this.duplicates, low, high);
        pushTo(this.duplicates, high, low);
      }
      return;
    }
    if (toConfidence(score.account) < this.options.review && toConfidence(score.group) < this.options.accept) return;
    const [l, r] = a.side === 0 ? [low, high] : [high, low];
    pushTo(this.cross, l, { other: r, account: score.account, group: score.group, evidence: score.evidence, forced: false });
    pushTo(this.cross, r, { other: l, account: score.account, group: score.group, evidence: score.evidence, forced: false });
  }

  private hasEdge(a: number, b: number): boolean {
    return (this.duplicates.get(a)?.includes(b) ?? false) || (this.cross.get(a)?.some((e) => e.other === b) ?? false);
  }

  /** Whether two records share a non-token blocking key of a block that was not skipped. */
  private shareKey(i: number, k: number): boolean {
    const a = this.records[i]!;
    const b = this.records[k]!;
    const max = this.options.maxBlock;
    const small = (map: Map<string, Posting>, key: string) => postingSize(map.get(key)) <= max;
    return (
      (a.domain !== undefined && (a.domain === b.domain || a.domain === b.parentDomain) && small(this.byDomain, a.domain)) ||
      (a.parentDomain !== undefined && (a.parentDomain === b.domain || a.parentDomain === b.parentDomain)) ||
      (a.stem !== undefined && a.stem === b.stem && small(this.byStem, a.stem)) ||
      (a.nameKey !== "" && a.nameKey === b.nameKey && small(this.byName, a.nameKey)) ||
      a.aliases.includes(b.nameKey) ||
      b.aliases.includes(a.nameKey) ||
      a.aliases.some((x) => b.aliases.includes(x)) ||
      (a.phoneLocal !== undefined && a.phoneLocal === b.phoneLocal && small(this.byPhone, a.phoneLocal)) ||
      (a.street !== undefined && a.street === b.street && small(this.byStreet, a.street))
    );
  }

  /** Forced edges for an always-override, limited to pairs touching `only` records when given. */
  private addForcedEdges(override: MatchOverride, only: readonly number[] | undefined): void {
    const lefts = this.select(override.left, 0);
    const rights = this.select(override.right, 1);
    const onlySet = only ? new Set(only) : undefined;
    for (const l of lefts) {
      for (const r of rights) {
        if (onlySet && !onlySet.has(l) && !onlySet.has(r)) continue;
        const a = this.records[l]!;
        const b = this.records[r]!;
        const score = scorePair(a, b, this.freq);
        const forced = { account: score.account, group: score.group, evidence: score.evidence, forced: true };
        const existing = this.cross.get(l)?.find((e) => e.other === r);
        if (existing) {
          existing.forced = true;
          for (const e of this.cross.get(r) ?? []) if (e.other === l) e.forced = true;
          continue;
        }
        pushTo(this.cross, l, { other: r, ...forced });
        pushTo(this.cross, r, { other: l, ...forced });
      }
    }
  }

  /** Records of one side a selector picks, found through the id, domain or name maps. */
  private select(selector: RecordSelector, side: 0 | 1): number[] {
    let found: number[];
    if (selector.id !== undefined) {
      const idx = this.ids[side].get(selector.id);
      found = idx === undefined ? [] : [idx];
    } else if (selector.domain !== undefined) {
      found = postingList(this.byDomain.get(companyDomain(selector.domain) ?? ""));
    } else if (selector.name !== undefined) {
      found = postingList(this.byName.get(normalizeCompanyName(selector.name).key));
    } else {
      found = [...this.ids[side].values()];
    }
    return found.filter((idx) => {
      const f = this.records[idx];
      return f !== undefined && f.side === side && selects(selector, f);
    });
  }

  /**
   * Distinct names per side carrying a domain, phone or street: duplicates of one company do not make its
   * value common, many companies sharing it (a reseller's domain, a switchboard) do.
   */
  private countCarriers(map: Map<string, Posting>, cache: Map<string, [number, number]>, key: string): [number, number] {
    let counts = cache.get(key);
    if (counts) return counts;
    const names: [Set<string>, Set<string>] = [new Set(), new Set()];
    const posting = postingList(map.get(key));
    for (const idx of posting.slice(0, 4 * this.options.maxBlock)) {
      const f = this.records[idx]!;
      names[f.side].add(f.nameKey);
    }
    counts = posting.length > 4 * this.options.maxBlock ? [posting.length, posting.length] : [names[0].size, names[1].size];
    cache.set(key, counts);
    return counts;
  }

  private summarize(pairs: readonly MatchPair[]): MatchResult["summary"] {
    const matched: [Set<string>, Set<string>] = [new Set(), new Set()];
    for (const pair of pairs) {
      if (pair.relation !== "same_account") continue;
      matched[0].add(pair.leftId);
      matched[1].add(pair.rightId);
    }
    let overlapping = 0;
    const companies: [number, number] = [0, 0];
    for (const company of groupCompanies(this, this.records.keys()).values()) {
      if (company.left.length > 0) companies[0]++;
      if (company.right.length > 0) companies[1]++;
      if (company.left.length > 0 && company.right.length > 0) overlapping++;
    }
    return {
      overlappingCompanies: overlapping,
      left: { records: this.ids[0].size, companies: companies[0], matchedRecords: matched[0].size },
      right: { records: this.ids[1].size, companies: companies[1], matchedRecords: matched[1].size },
    };
  }
}

function selects(selector: RecordSelector, f: RecordFeatures): boolean {
  if (selector.id !== undefined && selector.id !== f.id) return false;
  if (selector.domain !== undefined && companyDomain(selector.domain) !== f.domain) return false;
  if (selector.name !== undefined && normalizeCompanyName(selector.name).key !== f.nameKey) return false;
  return true;
}

function postingSize(posting: Posting | undefined): number {
  return posting === undefined ? 0 : typeof posting === "number" ? 1 : posting.length;
}

function postingList(posting: Posting | undefined): number[] {
  return posting === undefined ? [] : typeof posting === "number" ? [posting] : posting;
}

// Most keys are carried by one record: store the index itself and make an array only from the second.
function addPosting(map: Map<string, Posting>, key: string, idx: number): void {
  const posting = map.get(key);
  if (posting === undefined) map.set(key, idx);
  else if (typeof posting === "number") map.set(key, [posting, idx]);
  else posting.push(idx);
}

function removePosting(map: Map<string, Posting>, key: string, idx: number): void {
  const posting = map.get(key);
  if (posting === undefined) return;
  if (typeof posting === "number") {
    if (posting === idx) map.delete(key);
    return;
  }
  const rest = posting.filter((x) => x !== idx);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest.length === 1 ? rest[0]! : rest);
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
  return `${pair.leftId}\u0000${pair.rightId}\u0000${pair.relation}\u0000${pair.confidence}`;
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
