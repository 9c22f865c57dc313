import type { RecordFeatures } from "./features.ts";
import { nameLevel, SHARED_CARRIERS, tokenLevel, type Frequencies } from "./frequencies.ts";
import { hashKey, KeyTable } from "./key-table.ts";
import { addPosting, postingMembers, postingSize, removePosting, type Posting } from "./postings.ts";

/** Key kinds whose counts the score or the blocking read; a key is `kind + value`. */
export type KeyKind = "d" | "s" | "n" | "t" | "p" | "a";

/** Postings up to this size have their carriers counted on the spot (see countCarriers). */
const SMALL_POSTING = 8;

/** Reads a record's features by its index in the match space. */
export type RecordsById = readonly (RecordFeatures | undefined)[];

/**
 * One account list of a match space: the blocking postings of its records (by key kind, record indexes of the
 * space) and its own term frequencies. Indexed once however many scopes (partnerships) the list is in.
 */
export class AccountList {
  readonly ids = new KeyTable<number>();
  // One posting map per key kind (V8 Maps hold at most 2^24 entries).
  readonly byDomain = new KeyTable<Posting>();
  readonly byParent = new KeyTable<Posting>();
  readonly byStem = new KeyTable<Posting>();
  readonly byName = new KeyTable<Posting>();
  readonly byToken = new KeyTable<Posting>();
  readonly byPhone = new KeyTable<Posting>();
  readonly byStreet = new KeyTable<Posting>();
  /** Records naming a parent id, by parent id: their parent's domain is one of their features. */
  readonly children = new Map<string, number[]>();
  /** This list's own counts: what pairs of two of its records are scored with. */
  readonly freq: Frequencies;
  private readonly carriers = new Map<string, number>();

  constructor(
    readonly key: string,
    readonly no: number,
    private readonly records: RecordsById,
    private readonly maxBlock: number,
  ) {
    this.freq = {
      name: (key) => postingSize(this.byName.get(key)),
      token: (token) => postingSize(this.byToken.get(token)),
      domain: (domain) => this.countCarriers("d", domain),
      phone: (local) => this.countCarriers("p", local),
      street: (key) => this.countCarriers("a", key),
    };
  }

  /**
   * Makes room in the tables for a batch of records about to be indexed (a whole list): at most one key of
   * each kind per record, aliases and tokens aside, so the tables do not grow step by step.
   */
  reserve(batch: readonly RecordFeatures[]): void {
    let domains = 0;
    let stems = 0;
    let names = 0;
    let phones = 0;
    let streets = 0;
    for (const f of batch) {
      if (f.domain) domains++;
      if (f.stem) stems++;
      if (f.nameKey) names += 1 + f.aliases.length;
      if (f.phoneLocal) phones++;
      if (f.street) streets++;
    }
    this.ids.reserve(batch.length);
    this.byDomain.reserve(domains);
    this.byStem.reserve(stems);
    this.byName.reserve(names);
    // Tokens repeat across names far more than other keys: about one new token a record is the usual upper end.
    this.byToken.reserve(names);
    this.byPhone.reserve(phones);
    this.byStreet.reserve(streets);
  }

  index(idx: number): void {
    const f = this.records[idx]!;
    if (f.domain) addPosting(this.byDomain, f.domain, idx);
    if (f.parentDomain) addPosting(this.byParent, f.parentDomain, idx);
    if (f.stem) addPosting(this.byStem, f.stem, idx);
    if (f.nameKey) addPosting(this.byName, f.nameKey, idx);
    for (const alias of f.aliases) addPosting(this.byName, alias, idx);
    for (const token of f.tokens) addPosting(this.byToken, token, idx);
    if (f.phoneLocal) addPosting(this.byPhone, f.phoneLocal, idx);
    if (f.street) addPosting(this.byStreet, f.street, idx);
  }

  unindex(idx: number): void {
    const f = this.records[idx]!;
    if (f.domain) removePosting(this.byDomain, f.domain, idx);
    if (f.parentDomain) removePosting(this.byParent, f.parentDomain, idx);
    if (f.stem) removePosting(this.byStem, f.stem, idx);
    if (f.nameKey) removePosting(this.byName, f.nameKey, idx);
    for (const alias of f.aliases) removePosting(this.byName, alias, idx);
    for (const token of f.tokens) removePosting(this.byToken, token, idx);
    if (f.phoneLocal) removePosting(this.byPhone, f.phoneLocal, idx);
    if (f.street) removePosting(this.byStreet, f.street, idx);
    if (f.parentId !== undefined) {
      const rest = (this.children.get(f.parentId) ?? []).filter((x) => x !== idx);
      if (rest.length > 0) this.children.set(f.parentId, rest);
      else this.children.delete(f.parentId);
    }
  }

  /** The posting maps of a key kind; a domain's block is the records carrying it and those whose parent does. */
  mapsOf(kind: KeyKind): readonly KeyTable<Posting>[] {
    switch (kind) {
      case "d":
        return [this.byDomain, this.byParent];
      case "s":
        return [this.byStem];
      case "n":
        return [this.byName];
      case "t":
        return [this.byToken];
      case "p":
        return [this.byPhone];
      case "a":
        return [this.byStreet];
    }
  }

  /** Records of this list in a key's block (`hash`: `hashKey(value)`, for a value looked up in many lists). */
  blockSize(kind: KeyKind, value: string, hash = hashKey(value)): number {
    switch (kind) {
      case "d":
        return postingSize(this.byDomain.get(value, hash)) + postingSize(this.byParent.get(value, hash));
      case "s":
        return postingSize(this.byStem.get(value, hash));
      case "n":
        return postingSize(this.byName.get(value, hash));
      case "t":
        return postingSize(this.byToken.get(value, hash));
      case "p":
        return postingSize(this.byPhone.get(value, hash));
      case "a":
        return postingSize(this.byStreet.get(value, hash));
    }
  }

  /** Appends the records of this list in a key's block to a list. */
  collectMembers(kind: KeyKind, value: string, into: number[]): void {
    for (const map of this.mapsOf(kind)) {
      const posting = map.get(value);
      if (posting === undefined) continue;
      if (typeof posting === "number") into.push(posting);
      else for (const idx of posting) into.push(idx);
    }
  }

  /** Adds the records of this list in a key's block to a set. */
  addMembers(kind: KeyKind, value: string, into: Set<number>): void {
    for (const map of this.mapsOf(kind)) {
      const posting = map.get(value);
      if (posting === undefined) continue;
      if (typeof posting === "number") into.add(posting);
      else for (const idx of posting) into.add(idx);
    }
  }

  /** Everything a score of two records of this list, or the blocking inside it, reads of a key's counts. */
  signature(kind: KeyKind, value: string): number {
    return keySignature(kind, this.blockSize(kind, value), this.carriersOf(kind, value), this.maxBlock);
  }

  /** The carriers a key's signature reads (0 for kinds whose score does not count carriers). */
  carriersOf(kind: KeyKind, value: string): number {
    return kind === "d" || kind === "p" || kind === "a" ? this.countCarriers(kind, value) : 0;
  }

  /** Forgets cached counts of a key whose postings changed. */
  forget(key: string): void {
    this.carriers.delete(key);
  }

  /**
   * Distinct names carrying a domain, phone or street: duplicates of one company do not make its value
   * common, many companies sharing it (a reseller's domain, a switchboard) do.
   */
  countCarriers(kind: KeyKind, value: string, hash = hashKey(value)): number {
    const map = kind === "d" ? this.byDomain : kind === "p" ? this.byPhone : this.byStreet;
    const posting = map.get(value, hash);
    const size = postingSize(posting);
    // Small postings (most) are counted on the spot: cheaper than building a cache key.
    if (size <= SMALL_POSTING) return size <= 1 ? size : this.countSmall(posting as number[]);
    const key = kind + value;
    let count = this.carriers.get(key);
    if (count !== undefined) return count;
    if (size > 4 * this.maxBlock) count = size;
    else {
      const names = new Set<string>();
      for (const idx of postingMembers(posting)) names.add(this.records[idx]!.nameKey);
      count = names.size;
    }
    this.carriers.set(key, count);
    return count;
  }

  /** Distinct names among a few records, without allocating. */
  private countSmall(posting: readonly number[]): number {
    let count = 0;
    for (let i = 0; i < posting.length; i++) {
      const name = this.records[posting[i]!]!.nameKey;
      let repeat = false;
      for (let k = 0; k < i && !repeat; k++) repeat = this.records[posting[k]!]!.nameKey === name;
      if (!repeat) count++;
    }
    return count;
  }
}

/**
 * One number for what scores and blocking read of a key's counts: whether its block is small enough to
 * generate candidates, the frequency step of names and tokens, and whether a domain, phone or street is
 * shared by many companies. A key whose signature did not change changed no score.
 */
export function keySignature(kind: KeyKind, blockSize: number, carriers: number, maxBlock: number): number {
  const small = blockSize <= maxBlock ? 1 : 0;
  switch (kind) {
    case "s":
      return small;
    case "n":
      return small + 2 * nameLevel(blockSize);
    case "t":
      return small + 2 * tokenLevel(blockSize);
    default:
      return small + (carriers > SHARED_CARRIERS ? 2 : 0);
  }
}

/** The keys of a record whose counts matter (see keySignature). */
export function keysOf(f: RecordFeatures): string[] {
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

/**
 * Counts of a pair of lists together: what a pair of records across two lists is scored with. Each value is
 * hashed once for both lists' tables (a pair's score reads a dozen counts).
 */
export function pairFrequencies(a: AccountList, b: AccountList): Frequencies {
  return {
    name: (key) => {
      const hash = hashKey(key);
      return postingSize(a.byName.get(key, hash)) + postingSize(b.byName.get(key, hash));
    },
    token: (token) => {
      const hash = hashKey(token);
      return postingSize(a.byToken.get(token, hash)) + postingSize(b.byToken.get(token, hash));
    },
    domain: (domain) => bothCarriers(a, b, "d", domain),
    phone: (local) => bothCarriers(a, b, "p", local),
    street: (key) => bothCarriers(a, b, "a", key),
  };
}

function bothCarriers(a: AccountList, b: AccountList, kind: KeyKind, value: string): number {
  const hash = hashKey(value);
  return Math.max(a.countCarriers(kind, value, hash), b.countCarriers(kind, value, hash));
}
