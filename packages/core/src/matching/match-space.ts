import { AppError } from "../errors.ts";
import { companyDomain } from "../normalize/company-domain.ts";
import { normalizeCompanyName } from "../normalize/company-name.ts";
import { AccountList, keySignature, keysOf, pairFrequencies, type KeyKind } from "./account-list.ts";
import { decideComponent, type ComponentView, type MatchEdge } from "./assign.ts";
import { CandidatePairs } from "./candidate-pairs.ts";
import { copyFeatures, extractFeatures, type RecordFeatures } from "./features.ts";
import type { Frequencies } from "./frequencies.ts";
import { hashKey } from "./key-table.ts";
import { postingMembers, postingSize, type Posting } from "./postings.ts";
import { featuresOf, isPreparedSide, type PreparedMatchSide } from "./prepare-side.ts";
import { scorePair, toConfidence, type PairScore } from "./score.ts";
import type { MatchChanges, MatchOptions, MatchOverride, MatchPair, MatchProgress, MatchRecord, MatchResult, RecordSelector } from "./types.ts";

/** Changes of one list for an incremental update: new or changed records, and ids deleted. */
export interface MatchSideUpdate {
  upsert?: readonly MatchRecord[];
  remove?: readonly string[];
}

/** Options of a match space: the decision thresholds, the blocking limit and the normalization. */
export type MatchSpaceOptions = Omit<MatchOptions, "overrides">;

/** Two lists matched against each other (a partnership), with that pair's corrections. */
export interface MatchScopeDefinition {
  left: string;
  right: string;
  overrides?: readonly MatchOverride[];
}

/**
 * Account lists matched pairwise in scopes: an org's list is indexed once and matched against each of its
 * partners' lists, and an update of one list re-matches only what it touches in every scope it is in. A
 * scope's result is exactly `matchAccounts(left, right, { overrides })`: pairs across two lists are scored
 * with the two lists' counts, pairs inside one list (duplicates) with that list's own.
 */
export interface MatchSpace {
  /** Adds an account list under a key (records, or a side prepared with the space's normalization). */
  addList(key: string, list: readonly MatchRecord[] | PreparedMatchSide): void;
  hasList(key: string): boolean;
  /** Removes a list and every scope it is in. */
  removeList(key: string): void;
  /** Matches two lists of the space as a scope, replacing a scope of that key. */
  setScope(key: string, scope: MatchScopeDefinition): void;
  hasScope(key: string): boolean;
  /** The lists and overrides a scope was set with. */
  scopeDefinition(key: string): MatchScopeDefinition;
  removeScope(key: string): void;
  /** A scope's current match set. */
  result(scope: string): MatchResult;
  /** How many accepted pairs a scope has (without building them as result does). */
  pairCount(scope: string): number;
  /** A scope's accepted pairs that name one of these ids on one side, sorted by left then right id. */
  pairsOf(scope: string, side: "left" | "right", ids: Iterable<string>): MatchPair[];
  /**
   * Applies added, changed and deleted records of lists and re-matches only what they touch: every scope's
   * result is the same as matching its final lists from scratch. Returns what changed per scope of the lists.
   */
  update(changes: Readonly<Record<string, MatchSideUpdate>>): Map<string, MatchChanges>;
  /**
   * Record slots the space holds: its records, plus the slots of records that left (changed, deleted, in a
   * removed list), which records entering in later updates take over. A long-lived space (the sync worker's)
   * therefore grows with the most records it holds at once, not with every change it has seen.
   */
  slotCount(): number;
}

export function createMatchSpace(options: MatchSpaceOptions = {}): MatchSpace {
  return new Space(resolveOptions(options));
}

interface ResolvedOptions {
  accept: number;
  review: number;
  maxBlock: number;
  defaultPhoneCountry: string | undefined;
  onProgress: ((progress: MatchProgress) => void) | undefined;
}

export function resolveOptions(options: MatchOptions): ResolvedOptions {
  const accept = options.acceptConfidence ?? 0.9;
  const review = options.reviewConfidence ?? 0.5;
  if (!(accept > 0 && accept <= 1 && review > 0 && review <= accept)) {
    throw new AppError("invalid_input", `match: need 0 < review confidence <= accept confidence <= 1`);
  }
  return { accept, review, maxBlock: options.maxBlockSize ?? 60, defaultPhoneCountry: options.defaultPhoneCountry, onProgress: options.onProgress };
}

function validateOverrides(overrides: readonly MatchOverride[]): void {
  for (const override of overrides) {
    if (isEmptySelector(override.left) && isEmptySelector(override.right)) {
      throw new AppError("invalid_input", "match: an override must select records on at least one side");
    }
  }
}

function isEmptySelector(selector: RecordSelector): boolean {
  return selector.id === undefined && selector.domain === undefined && selector.name === undefined;
}

const NO_EDGES: readonly MatchEdge[] = Object.freeze([]) as unknown as MatchEdge[];

/** Items of a bulk step between progress reports: a remainder test in the hot loops, a few reports a second. */
const PROGRESS_EVERY = 16_384;

/** Reports a step's progress at its start, every PROGRESS_EVERY items and at its end (done === total). */
function reportProgress(options: ResolvedOptions, step: MatchProgress["step"], of: string, done: number, total: number): void {
  if (options.onProgress !== undefined && (done % PROGRESS_EVERY === 0 || done === total)) options.onProgress({ step, of, done, total });
}

/** Two lists matched against each other: the edges across them and the decisions of their components. */
class Scope implements ComponentView {
  readonly accept: number;
  readonly review: number;
  readonly freq: Frequencies;
  readonly neverRules: readonly MatchOverride[];
  readonly alwaysRules: readonly MatchOverride[];
  /** Kept edges across the two lists, both directions. */
  readonly cross = new Map<number, MatchEdge[]>();
  /** The company of each record in a component with cross edges (others: their list's own clustering). */
  readonly company = new Map<number, number>();
  /** Accepted pairs by left record, the same pairs by right record, and review pairs by left record. */
  readonly accepted = new Map<number, MatchPair[]>();
  readonly acceptedRight = new Map<number, MatchPair[]>();
  readonly reviewed = new Map<number, MatchPair[]>();
  pairCount = 0;

  constructor(
    readonly key: string,
    readonly space: Space,
    readonly left: AccountList,
    readonly right: AccountList,
    readonly overrides: readonly MatchOverride[],
  ) {
    this.accept = space.options.accept;
    this.review = space.options.review;
    this.freq = pairFrequencies(left, right);
    this.neverRules = overrides.filter((o) => o.decision === "never");
    this.alwaysRules = overrides.filter((o) => o.decision === "always");
  }

  get records(): readonly (RecordFeatures | undefined)[] {
    return this.space.records;
  }

  sideOf(idx: number): 0 | 1 {
    return this.space.records[idx]!.list === this.left.no ? 0 : 1;
  }

  other(list: AccountList): AccountList {
    return list === this.left ? this.right : this.left;
  }

  edgesOf(idx: number): readonly MatchEdge[] {
    const same = this.space.sameEdges[idx];
    const cross = this.cross.get(idx);
    if (cross === undefined) return same ?? NO_EDGES;
    return same === undefined ? cross : [...same, ...cross];
  }

  isVetoed(leftIdx: number, rightIdx: number): boolean {
    if (this.neverRules.length === 0) return false;
    const left = this.space.records[leftIdx]!;
    const right = this.space.records[rightIdx]!;
    return this.neverRules.some((rule) => selects(rule.left, left) && selects(rule.right, right));
  }

  isVetoedPair(a: number, b: number): boolean {
    const side = this.sideOf(a);
    if (side === this.sideOf(b)) return false;
    return side === 0 ? this.isVetoed(a, b) : this.isVetoed(b, a);
  }

  isForced(leftIdx: number, rightIdx: number): boolean {
    if (this.alwaysRules.length === 0) return false;
    const left = this.space.records[leftIdx]!;
    const right = this.space.records[rightIdx]!;
    return this.alwaysRules.some((rule) => selects(rule.left, left) && selects(rule.right, right));
  }

  score(a: number, b: number): PairScore {
    const fa = this.space.records[a]!;
    const fb = this.space.records[b]!;
    return scorePair(fa, fb, fa.list === fb.list ? this.space.listOf(fa).freq : this.freq);
  }

  /** Scores a candidate pair across the lists and keeps the edge when it may matter. */
  consider(i: number, k: number): void {
    const [l, r] = this.sideOf(i) === 0 ? [i, k] : [k, i];
    const score = scorePair(this.space.records[l]!, this.space.records[r]!, this.freq);
    const forced = this.isForced(l, r);
    if (!forced && toConfidence(score.account) < this.review && toConfidence(score.group) < this.accept) return;
    pushTo(this.cross, i, { other: k, account: score.account, group: score.group, evidence: score.evidence, forced });
    pushTo(this.cross, k, { other: i, account: score.account, group: score.group, evidence: score.evidence, forced });
  }

  dropEdges(idx: number): void {
    for (const edge of this.cross.get(idx) ?? []) {
      const back = this.cross.get(edge.other)?.filter((e) => e.other !== idx);
      if (back && back.length > 0) this.cross.set(edge.other, back);
      else this.cross.delete(edge.other);
    }
    this.cross.delete(idx);
  }

  /** Records of one side a selector picks, found through the id, domain or name maps. */
  select(selector: RecordSelector, side: 0 | 1): number[] {
    const list = side === 0 ? this.left : this.right;
    let found: Iterable<number>;
    if (selector.id !== undefined) {
      const idx = list.ids.get(selector.id);
      found = idx === undefined ? [] : [idx];
    } else if (selector.domain !== undefined) {
      found = postingMembers(list.byDomain.get(companyDomain(selector.domain) ?? ""));
    } else if (selector.name !== undefined) {
      found = postingMembers(list.byName.get(normalizeCompanyName(selector.name).key));
    } else {
      found = list.ids.values();
    }
    return [...found].filter((idx) => {
      const f = this.space.records[idx];
      return f !== undefined && selects(selector, f);
    });
  }

  /** Records of the other list an always-override pairs a record with. */
  forcedPartners(idx: number): number[] {
    const f = this.space.records[idx]!;
    const side = this.sideOf(idx);
    const found: number[] = [];
    for (const rule of this.alwaysRules) {
      const [mine, theirs] = side === 0 ? [rule.left, rule.right] : [rule.right, rule.left];
      if (selects(mine, f)) for (const other of this.select(theirs, side === 0 ? 1 : 0)) found.push(other);
    }
    return found;
  }

  /** Decides components (ignoring those without cross edges: their list's clustering holds) and stores them. */
  decide(components: readonly number[][], report?: (done: number) => void): MatchPair[] {
    const all: MatchPair[] = [];
    for (let done = 0; done < components.length; done++) {
      report?.(done);
      const members = components[done]!;
      if (!this.hasCrossEdge(members)) continue;
      const outcome = decideComponent(this, members);
      for (const company of outcome.companies) for (const idx of company) this.company.set(idx, company[0]!);
      for (let i = 0; i < outcome.accepted.length; i++) {
        pushTo(this.accepted, outcome.acceptedRecords[2 * i]!, outcome.accepted[i]!);
        pushTo(this.acceptedRight, outcome.acceptedRecords[2 * i + 1]!, outcome.accepted[i]!);
      }
      for (let i = 0; i < outcome.review.length; i++) pushTo(this.reviewed, outcome.reviewLeft[i]!, outcome.review[i]!);
      all.push(...outcome.accepted);
      this.pairCount += outcome.accepted.length;
    }
    return all;
  }

  private hasCrossEdge(members: readonly number[]): boolean {
    for (const idx of members) if (this.cross.has(idx)) return true;
    return false;
  }

  /** Forgets the decisions about these records; returns their accepted pairs. */
  forget(region: Iterable<number>): MatchPair[] {
    const before: MatchPair[] = [];
    for (const idx of region) {
      // Decisions exist only for members of decided components, and decide() gives each of them a company.
      if (!this.company.delete(idx)) continue;
      before.push(...(this.accepted.get(idx) ?? []));
      this.accepted.delete(idx);
      this.acceptedRight.delete(idx);
      this.reviewed.delete(idx);
    }
    this.pairCount -= before.length;
    return before;
  }
}

/** A list deciding its own duplicates: the view of a component with no cross edges. */
class OwnList implements ComponentView {
  readonly review: number;
  readonly accept: number;
  constructor(private readonly space: Space) {
    this.accept = space.options.accept;
    this.review = space.options.review;
  }
  get records(): readonly (RecordFeatures | undefined)[] {
    return this.space.records;
  }
  sideOf(): 0 {
    return 0;
  }
  edgesOf(idx: number): readonly MatchEdge[] {
    return this.space.sameEdges[idx] ?? NO_EDGES;
  }
  isVetoed(): boolean {
    return false;
  }
  isVetoedPair(): boolean {
    return false;
  }
  score(a: number, b: number): PairScore {
    const fa = this.space.records[a]!;
    return scorePair(fa, this.space.records[b]!, this.space.listOf(fa).freq);
  }
}

class Space implements MatchSpace {
  readonly records: (RecordFeatures | undefined)[] = [];
  /** Kept edges inside one list (accepted duplicates), both directions: the same in every scope. */
  readonly sameEdges: (MatchEdge[] | undefined)[] = [];
  /** Each record's company within its own list (the clustering of its duplicates). */
  readonly baseCompany: number[] = [];
  private readonly lists = new Map<string, AccountList>();
  private readonly listsByNo: (AccountList | undefined)[] = [];
  private readonly scopes = new Map<string, Scope>();
  private readonly scopesOfList = new Map<AccountList, Set<Scope>>();
  private readonly ownList: OwnList;
  private stamp = new Int32Array(0);
  private generation = 0;
  private readonly found: number[] = [];
  /** Slots no record uses (see slotCount), taken by records entering in an update. */
  private readonly freeSlots: number[] = [];
  /** summarize's scratch by record slot, all zero between calls: a scope's company + 1, a company's sides. */
  private companyOf = new Int32Array(0);
  private sidesOf = new Uint8Array(0);

  constructor(readonly options: ResolvedOptions) {
    this.ownList = new OwnList(this);
  }

  listOf(f: RecordFeatures): AccountList {
    return this.listsByNo[f.list]!;
  }

  hasList(key: string): boolean {
    return this.lists.has(key);
  }

  hasScope(key: string): boolean {
    return this.scopes.has(key);
  }

  addList(key: string, source: readonly MatchRecord[] | PreparedMatchSide): void {
    if (this.lists.has(key)) throw new AppError("invalid_input", `match: the list '${key}' is already in the match space`);
    const list = new AccountList(key, this.listsByNo.length, this.records, this.options.maxBlock);
    const first = this.records.length;
    const total = isPreparedSide(source) ? source.records.length : source.length;
    const features = featuresOf(source, list.no, this.options.defaultPhoneCountry, (done) => reportProgress(this.options, "normalize", key, done, total));
    reportProgress(this.options, "normalize", key, total, total);
    list.reserve(features);
    for (const f of features) {
      if (!list.ids.add(f.id, first + list.ids.size)) {
        this.records.length = first;
        throw new AppError("invalid_input", `match: duplicate id '${f.id}' in the list '${key}'`);
      }
      this.records.push(f);
    }
    this.listsByNo.push(list);
    this.lists.set(key, list);
    this.scopesOfList.set(list, new Set());
    for (let idx = first; idx < this.records.length; idx++) {
      this.sameEdges.push(undefined);
      this.baseCompany.push(idx);
      const f = this.records[idx]!;
      if (f.parentId !== undefined) pushTo(list.children, f.parentId, idx);
    }
    this.growStamp();
    for (let idx = first; idx < this.records.length; idx++) this.resolveParent(list, idx);
    for (let idx = first; idx < this.records.length; idx++) {
      reportProgress(this.options, "index", key, idx - first, total);
      list.index(idx);
    }
    reportProgress(this.options, "index", key, total, total);
    this.considerOwnBlockPairs(list, first);
    this.decideOwn(this.components(range(first, this.records.length), this.ownList));
    reportProgress(this.options, "duplicates", key, total, total);
  }

  removeList(key: string): void {
    const list = this.requireList(key);
    for (const scope of this.scopesOfList.get(list)!) this.removeScope(scope.key);
    for (const idx of list.ids.values()) {
      this.records[idx] = undefined;
      this.sameEdges[idx] = undefined;
      this.freeSlots.push(idx);
    }
    this.scopesOfList.delete(list);
    this.lists.delete(key);
    this.listsByNo[list.no] = undefined;
  }

  setScope(key: string, definition: MatchScopeDefinition): void {
    const left = this.requireList(definition.left);
    const right = this.requireList(definition.right);
    if (left === right) throw new AppError("invalid_input", "match: a scope matches two different lists");
    validateOverrides(definition.overrides ?? []);
    if (this.scopes.has(key)) this.removeScope(key);
    const scope = new Scope(key, this, left, right, definition.overrides ?? []);
    this.scopes.set(key, scope);
    this.scopesOfList.get(left)!.add(scope);
    this.scopesOfList.get(right)!.add(scope);
    this.considerCrossBlockPairs(scope);
    const components = this.components(scope.cross.keys(), scope);
    scope.decide(components, (done) => reportProgress(this.options, "decide", key, done, components.length));
    reportProgress(this.options, "decide", key, components.length, components.length);
  }

  scopeDefinition(key: string): MatchScopeDefinition {
    const scope = this.requireScope(key);
    return { left: scope.left.key, right: scope.right.key, overrides: scope.overrides };
  }

  removeScope(key: string): void {
    const scope = this.scopes.get(key);
    if (!scope) return;
    this.scopes.delete(key);
    this.scopesOfList.get(scope.left)?.delete(scope);
    this.scopesOfList.get(scope.right)?.delete(scope);
  }

  result(key: string): MatchResult {
    const scope = this.requireScope(key);
    const pairs = sortPairs([...scope.accepted.values()].flat());
    const review = sortPairs([...scope.reviewed.values()].flat());
    return { pairs, review, summary: this.summarize(scope) };
  }

  pairCount(key: string): number {
    return this.requireScope(key).pairCount;
  }

  pairsOf(key: string, side: "left" | "right", ids: Iterable<string>): MatchPair[] {
    const scope = this.requireScope(key);
    const [list, byRecord] = side === "left" ? [scope.left, scope.accepted] : [scope.right, scope.acceptedRight];
    const pairs: MatchPair[] = [];
    for (const id of new Set(ids)) {
      const idx = list.ids.get(id);
      if (idx !== undefined) pairs.push(...(byRecord.get(idx) ?? []));
    }
    return sortPairs(pairs);
  }

  update(changes: Readonly<Record<string, MatchSideUpdate>>): Map<string, MatchChanges> {
    // 1. Records leaving (deleted, changed, and children whose parent changed) and records entering.
    // Checked before anything changes, so a bad batch leaves the space as it was.
    const changed = Object.entries(changes).map(([key, change]) => ({ list: this.requireList(key), change }));
    for (const { list, change } of changed) {
      const seen = new Set<string>();
      for (const { id } of change.upsert ?? []) {
        if (seen.has(id)) throw new AppError("invalid_input", `match: id '${id}' appears twice in the upserts of the list '${list.key}'`);
        seen.add(id);
      }
    }
    const leaving = new Set<number>();
    const entering: RecordFeatures[] = [];
    const parentsTouched: [AccountList, string][] = [];
    for (const { list, change } of changed) {
      for (const id of change.remove ?? []) {
        const idx = list.ids.get(id);
        if (idx !== undefined) leaving.add(idx);
        parentsTouched.push([list, id]);
      }
      for (const record of change.upsert ?? []) {
        const idx = list.ids.get(record.id);
        if (idx !== undefined) leaving.add(idx);
        entering.push(extractFeatures(record, list.no, this.options.defaultPhoneCountry));
        parentsTouched.push([list, record.id]);
      }
    }
    for (const [list, id] of parentsTouched) {
      for (const child of list.children.get(id) ?? []) {
        if (leaving.has(child)) continue;
        leaving.add(child);
        // Its own features are unchanged; the parent's domain is looked up again when it is added back.
        entering.push(copyFeatures(this.records[child]!, list.no));
      }
    }
    const leavingFeatures = [...leaving].map((idx) => this.records[idx]!);
    const leavingByList = new Map<number, number[]>();
    for (const idx of leaving) pushTo(leavingByList, this.records[idx]!.list, idx);
    for (const f of leavingFeatures) this.listOf(f).ids.delete(f.id);
    const added = entering.map((f) => this.addRecord(f));
    this.growStamp();
    for (const idx of added) this.resolveParent(this.listOf(this.records[idx]!), idx);

    // 2. Keys whose counts change, per list; a key whose signature changes re-scores every record carrying it:
    // in its list for pairs inside the list, in both lists of a scope for pairs across them. A list's counts
    // of a key are read once, before and after; a scope adds the other list's (unchanged unless that list
    // changed too), so the cost per scope is one lookup per key.
    const touched = new Map<AccountList, Map<string, TouchedKey>>();
    for (const [entering, features] of [[false, leavingFeatures], [true, added.map((idx) => this.records[idx]!)]] as const) {
      for (const [i, f] of features.entries()) {
        const list = this.listOf(f);
        let keys = touched.get(list);
        if (!keys) touched.set(list, (keys = new Map()));
        for (const key of keysOf(f)) {
          let t = keys.get(key);
          if (!t) {
            const kind = key[0] as KeyKind;
            const value = key.slice(1);
            const hash = hashKey(value);
            t = { key, kind, value, hash, size: [list.blockSize(kind, value, hash), 0], carriers: [list.carriersOf(kind, value), 0], entering: undefined, ownChanged: false, members: [] };
            keys.set(key, t);
          }
          // The entering records carrying the key: their candidates across a scope are found in the same pass.
          if (entering) (t.entering ??= []).push(added[i]!);
        }
      }
    }
    for (const idx of leaving) this.listOf(this.records[idx]!).unindex(idx);
    for (const idx of added) this.listOf(this.records[idx]!).index(idx);
    for (const [list, keys] of touched) {
      for (const [key, t] of keys) {
        list.forget(key);
        t.size[1] = list.blockSize(t.kind, t.value, t.hash);
        t.carriers[1] = list.carriersOf(t.kind, t.value);
      }
    }
    const max = this.options.maxBlock;
    const signature = (t: TouchedKey, when: 0 | 1, other?: { size: number; carriers: number }) =>
      keySignature(t.kind, t.size[when] + (other?.size ?? 0), Math.max(t.carriers[when], other?.carriers ?? 0), max);

    const addedByList = new Map<number, number[]>();
    for (const idx of added) pushTo(addedByList, this.records[idx]!.list, idx);
    const ownRescore = new Map<AccountList, Set<number>>();
    for (const [list, keys] of touched) {
      const rescore = new Set(addedByList.get(list.no));
      for (const t of keys.values()) {
        t.ownChanged = signature(t, 0) !== signature(t, 1);
        if (t.ownChanged) {
          // Read once for every scope where the other list does not carry the key.
          list.collectMembers(t.kind, t.value, t.members);
          for (const idx of t.members) rescore.add(idx);
        }
      }
      ownRescore.set(list, rescore);
    }
    const scopes = new Set(changed.flatMap(({ list }) => [...this.scopesOfList.get(list)!]));
    // As arrays: every scope walks them (Map iteration would allocate an entry per key and scope).
    const touchedKeys = new Map([...touched.values()].map((keys) => [keys, [...keys.values()]]));
    const crossRescore = new Map<Scope, Set<number>>();
    // Candidates of entering records across each scope, by record: what candidates() would find.
    const enteringCandidates = new Map<Scope, Map<number, number[]>>();
    for (const scope of scopes) {
      const rescore = new Set([...(addedByList.get(scope.left.no) ?? []), ...(addedByList.get(scope.right.no) ?? [])]);
      const found = new Map<number, number[]>();
      const [left, right] = [touched.get(scope.left), touched.get(scope.right)];
      for (const [keys, other, otherKeys] of [[left, scope.right, right], [right, scope.left, left]] as const) {
        if (!keys) continue;
        for (const t of touchedKeys.get(keys)!) {
          const both = otherKeys?.get(t.key);
          // Per scope, one lookup per key in the other list (most keys of a changed record are not there).
          const otherSize = both ? both.size[1] : other.blockSize(t.kind, t.value, t.hash);
          if (otherSize === 0 && !both) {
            // A key the other list does not carry weighs across the scope as in its own list: when its weight
            // changed, so did the score of every pair across the scope of a record carrying it. Only records
            // with such pairs (edges now, or candidates) have any: a common key's weight step makes thousands
            // of records without any in every scope.
            if (!t.ownChanged) continue;
            for (const idx of t.members) {
              if (!rescore.has(idx) && (scope.cross.has(idx) || this.crossCandidates(scope, idx).length > 0)) rescore.add(idx);
            }
            continue;
          }
          if (t.entering && otherSize + t.size[1] <= max && !(t.kind === "t" && t.value.length < 3)) {
            const members: number[] = [];
            other.collectMembers(t.kind, t.value, members);
            for (const idx of t.entering) {
              let list = found.get(idx);
              if (!list) found.set(idx, (list = []));
              for (const member of members) list.push(member);
            }
          }
          let changedHere: boolean;
          if (both) {
            // Both lists changed the key: count it once, from the left list's side.
            if (keys !== left) continue;
            changedHere = keySignature(t.kind, t.size[0] + both.size[0], Math.max(t.carriers[0], both.carriers[0]), max) !==
              keySignature(t.kind, t.size[1] + both.size[1], Math.max(t.carriers[1], both.carriers[1]), max);
          } else {
            const counts = { size: otherSize, carriers: other.carriersOf(t.kind, t.value) };
            changedHere = signature(t, 0, counts) !== signature(t, 1, counts);
          }
          if (!changedHere) continue;
          scope.left.addMembers(t.kind, t.value, rescore);
          scope.right.addMembers(t.kind, t.value, rescore);
        }
      }
      crossRescore.set(scope, rescore);
      enteringCandidates.set(scope, found);
    }

    // 3. The closed regions the old edges link to the change, in each list and each scope; decided again.
    const leavingOf = (list: AccountList) => leavingByList.get(list.no) ?? [];
    // A scope's seeds: the records the change touched that have edges in the scope as it is when asked (across
    // it, or to duplicates in their own list). One without is a region of its own with nothing decided in it,
    // before or after; a common key's weight step makes thousands of those in every scope.
    const linkedSeeds = (scope: Scope): number[] => {
      const seeds: number[] = [];
      for (const part of [leavingOf(scope.left), leavingOf(scope.right), ownRescore.get(scope.left) ?? [], ownRescore.get(scope.right) ?? [], crossRescore.get(scope)!]) {
        for (const idx of part) if (this.records[idx] !== undefined && (this.sameEdges[idx] !== undefined || scope.cross.has(idx))) seeds.push(idx);
      }
      return seeds;
    };
    const oldScopeRegions = new Map([...scopes].map((scope) => [scope, this.closure(linkedSeeds(scope), scope)]));
    const oldOwnRegions = new Map([...ownRescore].map(([list, rescore]) => [list, this.closure([...leavingOf(list), ...rescore], this.ownList)]));
    for (const idx of leaving) {
      this.dropSameEdges(idx);
      for (const scope of this.scopesOfList.get(this.listOf(this.records[idx]!))!) scope.dropEdges(idx);
    }
    for (const rescore of ownRescore.values()) for (const idx of rescore) this.dropSameEdges(idx);
    for (const [scope, rescore] of crossRescore) for (const idx of rescore) scope.dropEdges(idx);
    for (const idx of leaving) this.records[idx] = undefined;
    for (const [list, rescore] of ownRescore) {
      for (const idx of rescore) {
        for (const other of this.ownCandidates(list, idx)) if (!(rescore.has(other) && other < idx)) this.considerOwn(list, idx, other);
      }
    }
    const entered = new Set(added);
    for (const [scope, rescore] of crossRescore) {
      const found = enteringCandidates.get(scope)!;
      for (const idx of rescore) {
        const candidates = entered.has(idx) ? this.withForcedPartners(scope, idx, found.get(idx) ?? []) : this.crossCandidates(scope, idx);
        for (const other of candidates) if (!(rescore.has(other) && other < idx)) scope.consider(idx, other);
      }
    }
    const alive = (idx: number) => this.records[idx] !== undefined;
    for (const [list, oldRegion] of oldOwnRegions) {
      const newRegion = this.closure([...oldRegion.filter(alive), ...ownRescore.get(list)!], this.ownList);
      for (const idx of newRegion) this.baseCompany[idx] = idx;
      this.decideOwn(this.components(newRegion, this.ownList));
    }
    const result = new Map<string, MatchChanges>();
    for (const [scope, oldRegion] of oldScopeRegions) {
      const newRegion = this.closure([...oldRegion.filter(alive), ...linkedSeeds(scope)], scope);
      // forget() skips records it already forgot: no need to merge the two regions first.
      const before = [...scope.forget(oldRegion), ...scope.forget(newRegion)];
      const after = scope.decide(this.components(newRegion, scope));
      result.set(scope.key, diffPairs(before, after));
    }
    // Nothing refers to the slots of the records that left any more (postings, edges, decisions, companies
    // were all dropped or decided again above): records entering in later updates take them over.
    for (const idx of leaving) this.freeSlots.push(idx);
    return result;
  }

  slotCount(): number {
    return this.records.length;
  }

  private requireList(key: string): AccountList {
    const list = this.lists.get(key);
    if (!list) throw new AppError("not_found", `match: no list '${key}' in the match space`);
    return list;
  }

  private requireScope(key: string): Scope {
    const scope = this.scopes.get(key);
    if (!scope) throw new AppError("not_found", `match: no scope '${key}' in the match space`);
    return scope;
  }

  private addRecord(f: RecordFeatures): number {
    const list = this.listOf(f);
    const idx = this.freeSlots.pop() ?? this.records.length;
    if (idx === this.records.length) {
      this.records.push(f);
      this.sameEdges.push(undefined);
      this.baseCompany.push(idx);
    } else {
      this.records[idx] = f;
      this.sameEdges[idx] = undefined;
      this.baseCompany[idx] = idx;
    }
    list.ids.set(f.id, idx);
    if (f.parentId !== undefined) pushTo(list.children, f.parentId, idx);
    return idx;
  }

  private resolveParent(list: AccountList, idx: number): void {
    const f = this.records[idx]!;
    f.parentDomain = undefined;
    if (f.parentId === undefined) return;
    const parent = this.records[list.ids.get(f.parentId) ?? -1];
    if (parent?.domain) f.parentDomain = parent.domain;
  }

  /** Decides components of one list's own duplicates and stores its clustering. */
  private decideOwn(components: readonly number[][]): void {
    for (const members of components) {
      for (const company of decideComponent(this.ownList, members).companies) for (const idx of company) this.baseCompany[idx] = company[0]!;
    }
  }

  /** Per-side record and company counts of a scope: its own decisions where it has any, else each list's. */
  private summarize(scope: Scope): MatchResult["summary"] {
    // By record: its company in the scope's decisions + 1 (0: none), and the sides (bits) of each company.
    // Typed arrays walked in record order: a Map lookup per record of both lists cost more than the rest.
    // Kept between calls and cleared after use: a full recompute summarizes every scope of the space.
    if (this.companyOf.length < this.records.length) {
      this.companyOf = new Int32Array(this.stamp.length);
      this.sidesOf = new Uint8Array(this.stamp.length);
    }
    const { companyOf, sidesOf } = this;
    scope.company.forEach((company, idx) => {
      companyOf[idx] = company + 1;
    });
    const companies: [number, number] = [0, 0];
    for (const [side, list] of [scope.left, scope.right].entries()) {
      const gen = this.nextGeneration();
      const bit = side === 0 ? 1 : 2;
      const ids = list.ids;
      for (let entry = 0; entry < ids.entryCount; entry++) {
        const idx = ids.valueAt(entry);
        if (idx === undefined) continue;
        const company = companyOf[idx]! - 1;
        if (company >= 0) sidesOf[company]! |= bit;
        const root = company >= 0 ? company : this.baseCompany[idx]!;
        if (this.stamp[root] === gen) continue;
        this.stamp[root] = gen;
        companies[side]!++;
      }
    }
    // Each company counted once (its sides cleared once seen), and the scratch left all zero.
    let overlapping = 0;
    scope.company.forEach((company, idx) => {
      if (sidesOf[company] === 3) overlapping++;
      sidesOf[company] = 0;
      companyOf[idx] = 0;
    });
    return {
      overlappingCompanies: overlapping,
      left: { records: scope.left.ids.size, companies: companies[0], matchedRecords: matchedRecords(scope.accepted) },
      right: { records: scope.right.ids.size, companies: companies[1], matchedRecords: matchedRecords(scope.acceptedRight) },
    };
  }

  /** Connected components (through the view's edges) of the records reachable from the seeds; lone records skipped. */
  private components(seeds: Iterable<number>, view: ComponentView): number[][] {
    const gen = this.nextGeneration();
    const result: number[][] = [];
    for (const seed of seeds) {
      if (this.stamp[seed] === gen || !this.records[seed] || view.edgesOf(seed).length === 0) continue;
      this.stamp[seed] = gen;
      const queue = [seed];
      for (let i = 0; i < queue.length; i++) {
        for (const edge of view.edgesOf(queue[i]!)) {
          if (this.stamp[edge.other] === gen) continue;
          this.stamp[edge.other] = gen;
          queue.push(edge.other);
        }
      }
      result.push(queue);
    }
    return result;
  }

  private closure(seeds: Iterable<number>, view: ComponentView): number[] {
    const gen = this.nextGeneration();
    const queue: number[] = [];
    for (const seed of seeds) {
      if (this.stamp[seed] === gen) continue;
      this.stamp[seed] = gen;
      queue.push(seed);
    }
    for (let i = 0; i < queue.length; i++) {
      for (const edge of view.edgesOf(queue[i]!)) {
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

  private dropSameEdges(idx: number): void {
    for (const edge of this.sameEdges[idx] ?? []) {
      const back = this.sameEdges[edge.other]?.filter((e) => e.other !== idx);
      this.sameEdges[edge.other] = back && back.length > 0 ? back : undefined;
    }
    this.sameEdges[idx] = undefined;
  }

  /** Scores a candidate pair inside one list and keeps it when it is an accepted duplicate. */
  private considerOwn(list: AccountList, i: number, k: number): void {
    const score = scorePair(this.records[i]!, this.records[k]!, list.freq);
    if (toConfidence(score.account) < this.options.accept) return;
    const { account, group, evidence } = score;
    (this.sameEdges[i] ??= []).push({ other: k, account, group, evidence, forced: false });
    (this.sameEdges[k] ??= []).push({ other: i, account, group, evidence, forced: false });
  }

  /**
   * Every pair inside each small block of a new list (records from `first` on), each pair scored once.
   * Walking the posting maps in order touches memory sequentially, where looking every record's keys up
   * again would jump around maps of millions of keys.
   */
  private considerOwnBlockPairs(list: AccountList, first: number): void {
    const max = this.options.maxBlock;
    const higher: (number[] | undefined)[] = new Array(this.records.length - first);
    const members: number[] = [];
    const emit = () => {
      for (let i = 0; i < members.length; i++) {
        for (let k = i + 1; k < members.length; k++) {
          const a = members[i]!;
          const b = members[k]!;
          if (a !== b) (higher[Math.min(a, b) - first] ??= []).push(Math.max(a, b));
        }
      }
      members.length = 0;
    };
    const { byDomain, byParent } = list;
    for (let entry = 0; entry < byDomain.entryCount; entry++) {
      const own = byDomain.valueAt(entry);
      if (own === undefined) continue;
      const children = byParent.size > 0 ? byParent.get(byDomain.keyAt(entry), byDomain.hashAt(entry)) : undefined;
      if (typeof own === "number" && children === undefined) continue;
      if (postingSize(own) + postingSize(children) > max) continue;
      collect(own, members);
      collect(children, members);
      emit();
    }
    for (let entry = 0; entry < byParent.entryCount; entry++) {
      const children = byParent.valueAt(entry);
      if (children === undefined || postingSize(children) > max) continue;
      if (byDomain.get(byParent.keyAt(entry), byParent.hashAt(entry)) !== undefined) continue;
      collect(children, members);
      emit();
    }
    for (const [map, minLength] of [[list.byStem, 0], [list.byName, 0], [list.byPhone, 0], [list.byStreet, 0], [list.byToken, 3]] as const) {
      for (let entry = 0; entry < map.entryCount; entry++) {
        const posting = map.valueAt(entry);
        if (posting === undefined || typeof posting === "number" || postingSize(posting) > max) continue;
        if (minLength > 0 && map.keyAt(entry).length < minLength) continue;
        collect(posting, members);
        emit();
      }
    }
    const key = list.key;
    this.considerEach(higher, first, (a, b) => this.considerOwn(list, a, b), (done) => reportProgress(this.options, "duplicates", key, done, higher.length));
  }

  /** Every pair across the scope's lists sharing a small block (both lists' records counted), and forced pairs. */
  private considerCrossBlockPairs(scope: Scope): void {
    const max = this.options.maxBlock;
    // Walk the list with fewer records (a partner's list against an org's), looking keys up in the other.
    const [small, large] = scope.left.ids.size <= scope.right.ids.size ? [scope.left, scope.right] : [scope.right, scope.left];
    // First records of pairs are the small list's: its records' number range sizes the pair lists.
    let from = this.records.length;
    let to = 0;
    for (let entry = 0; entry < small.ids.entryCount; entry++) {
      const idx = small.ids.valueAt(entry);
      if (idx === undefined) continue;
      from = Math.min(from, idx);
      to = Math.max(to, idx + 1);
    }
    const pairs = new CandidatePairs(from, Math.max(from, to));
    const mine: number[] = [];
    const theirs: number[] = [];
    const emit = () => {
      if (mine.length > 0 && theirs.length > 0 && mine.length + theirs.length <= max) {
        for (const a of mine) for (const b of theirs) pairs.add(a, b);
      }
      mine.length = 0;
      theirs.length = 0;
    };
    const domainBlock = (domain: string, hash: number) => {
      collect(small.byDomain.get(domain, hash), mine);
      collect(small.byParent.get(domain, hash), mine);
      collect(large.byDomain.get(domain, hash), theirs);
      collect(large.byParent.get(domain, hash), theirs);
      emit();
    };
    // Progress of the walk: keys of the small list's tables looked up so far.
    const kinds = [["s", 0], ["n", 0], ["p", 0], ["a", 0], ["t", 3]] as const;
    const keys = kinds.reduce((sum, [kind]) => sum + small.mapsOf(kind)[0]!.entryCount, small.byDomain.entryCount + small.byParent.entryCount);
    let walked = 0;
    for (let entry = 0; entry < small.byDomain.entryCount; entry++) {
      reportProgress(this.options, "candidates", scope.key, walked++, keys);
      if (small.byDomain.valueAt(entry) !== undefined) domainBlock(small.byDomain.keyAt(entry), small.byDomain.hashAt(entry));
    }
    for (let entry = 0; entry < small.byParent.entryCount; entry++) {
      reportProgress(this.options, "candidates", scope.key, walked++, keys);
      if (small.byParent.valueAt(entry) === undefined) continue;
      const domain = small.byParent.keyAt(entry);
      const hash = small.byParent.hashAt(entry);
      if (small.byDomain.get(domain, hash) === undefined) domainBlock(domain, hash);
    }
    for (const [kind, minLength] of kinds) {
      const theirMap = large.mapsOf(kind)[0]!;
      const myMap = small.mapsOf(kind)[0]!;
      for (let entry = 0; entry < myMap.entryCount; entry++) {
        reportProgress(this.options, "candidates", scope.key, walked++, keys);
        const posting = myMap.valueAt(entry);
        if (posting === undefined) continue;
        const key = myMap.keyAt(entry);
        if (key.length < minLength) continue;
        const other = theirMap.get(key, myMap.hashAt(entry));
        if (other === undefined || postingSize(posting) + postingSize(other) > max) continue;
        collect(posting, mine);
        collect(other, theirs);
        emit();
      }
    }
    for (const rule of scope.alwaysRules) {
      const [mineSelected, theirsSelected] = small === scope.left ? [rule.left, rule.right] : [rule.right, rule.left];
      const others = scope.select(theirsSelected, small === scope.left ? 1 : 0);
      if (others.length === 0) continue;
      for (const a of scope.select(mineSelected, small === scope.left ? 0 : 1)) for (const b of others) pairs.add(a, b);
    }
    reportProgress(this.options, "candidates", scope.key, keys, keys);
    const firsts = pairs.firstRecords;
    for (let done = 0; done < firsts.length; done++) {
      reportProgress(this.options, "compare", scope.key, done, firsts.length);
      const a = firsts[done]!;
      const gen = this.nextGeneration();
      for (let pair = pairs.firstOf(a); pair >= 0; pair = pairs.after(pair)) {
        const b = pairs.secondOf(pair);
        if (this.stamp[b] === gen) continue;
        this.stamp[b] = gen;
        scope.consider(a, b);
      }
    }
    reportProgress(this.options, "compare", scope.key, firsts.length, firsts.length);
  }

  /** Scores each distinct pair of a "higher" table (records from `first` by offset, to higher records) once. */
  private considerEach(
    higher: (number[] | undefined)[],
    first: number,
    consider: (a: number, b: number) => void,
    report: (done: number) => void,
  ): void {
    for (let offset = 0; offset < higher.length; offset++) {
      report(offset);
      const others = higher[offset];
      if (!others) continue;
      const gen = this.nextGeneration();
      for (const other of others) {
        if (this.stamp[other] === gen) continue;
        this.stamp[other] = gen;
        consider(first + offset, other);
      }
      higher[offset] = undefined;
    }
  }

  /**
   * The records of its own list sharing a block of at most maxBlock records with idx; each once. Returns a
   * shared buffer, valid until the next call.
   */
  private ownCandidates(list: AccountList, idx: number): number[] {
    return this.candidates(idx, list, undefined);
  }

  /** The records of the scope's other list sharing a small block with idx, and those an override forces. */
  private crossCandidates(scope: Scope, idx: number): number[] {
    const own = this.listOf(this.records[idx]!);
    const found = this.candidates(idx, scope.other(own), own);
    const gen = this.generation;
    for (const other of scope.forcedPartners(idx)) {
      if (this.stamp[other] === gen) continue;
      this.stamp[other] = gen;
      found.push(other);
    }
    return found;
  }

  /** Block candidates found elsewhere, each once, and the records an override forces; a shared buffer like candidates(). */
  private withForcedPartners(scope: Scope, idx: number, others: readonly number[]): number[] {
    const found = this.found;
    found.length = 0;
    const gen = this.nextGeneration();
    this.stamp[idx] = gen;
    for (const list of [others, scope.forcedPartners(idx)]) {
      for (const other of list) {
        if (this.stamp[other] === gen) continue;
        this.stamp[other] = gen;
        found.push(other);
      }
    }
    return found;
  }

  /**
   * Records of `target` sharing a block with idx whose size (records of `target`, plus those of `also` when
   * the pair spans two lists) is at most maxBlock.
   */
  private candidates(idx: number, target: AccountList, also: AccountList | undefined): number[] {
    const f = this.records[idx]!;
    this.found.length = 0;
    const gen = this.nextGeneration();
    this.stamp[idx] = gen;
    if (f.domain) this.scanBlock("d", f.domain, target, also, gen);
    if (f.parentDomain) this.scanBlock("d", f.parentDomain, target, also, gen);
    if (f.stem) this.scanBlock("s", f.stem, target, also, gen);
    if (f.nameKey) this.scanBlock("n", f.nameKey, target, also, gen);
    for (const alias of f.aliases) this.scanBlock("n", alias, target, also, gen);
    if (f.phoneLocal) this.scanBlock("p", f.phoneLocal, target, also, gen);
    if (f.street) this.scanBlock("a", f.street, target, also, gen);
    // Shared rare name tokens: typos and word-order changes elsewhere in the name.
    for (const token of f.tokens) if (token.length >= 3) this.scanBlock("t", token, target, also, gen);
    return this.found;
  }

  /** Adds the records of target's block of a key to `found` (each once per generation) when the block is small. */
  private scanBlock(kind: KeyKind, value: string, target: AccountList, also: AccountList | undefined, gen: number): void {
    // A method, not a closure per call: candidates() runs for every re-scored record of every scope.
    const hash = hashKey(value);
    const theirs = target.blockSize(kind, value, hash);
    if (theirs === 0 || theirs + (also ? also.blockSize(kind, value, hash) : 0) > this.options.maxBlock) return;
    for (const map of target.mapsOf(kind)) {
      for (const other of postingMembers(map.get(value, hash))) {
        if (this.stamp[other] === gen) continue;
        this.stamp[other] = gen;
        this.found.push(other);
      }
    }
  }
}

/** A key whose counts an update changes in one list: its block size and carriers there, before and after. */
interface TouchedKey {
  key: string;
  kind: KeyKind;
  value: string;
  /** `hashKey(value)`, computed once: the key is looked up in every partner list. */
  hash: number;
  /** The list's block size and carriers of the key, before and after the change. */
  size: [number, number];
  carriers: [number, number];
  /** Entering records of the list that carry the key. */
  entering: number[] | undefined;
  /** Whether the key's signature in its own list changed; then `members` are its records now. */
  ownChanged: boolean;
  members: number[];
}

function collect(posting: Posting | undefined, into: number[]): void {
  if (posting === undefined) return;
  if (typeof posting === "number") into.push(posting);
  else for (const idx of posting) into.push(idx);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
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

/** Records with a same-account pair, of a map of accepted pairs by record. */
function matchedRecords(pairsByRecord: ReadonlyMap<number, readonly MatchPair[]>): number {
  let count = 0;
  pairsByRecord.forEach((pairs) => {
    if (pairs.some((pair) => pair.relation === "same_account")) count++;
  });
  return count;
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
