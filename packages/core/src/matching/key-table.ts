/**
 * A string-keyed table with the part of Map's interface the posting lists use. Open addressing over typed
 * arrays: a list of a million records holds several million keys, and a V8 Map spends about twice the time
 * per insert (its ordered hash table is rebuilt entry by entry as it grows, and every bucket is a heap slot
 * the garbage collector walks). Iterates in insertion order; a deleted key keeps its place until the table
 * compacts, and comes back there if set again.
 */
export class KeyTable<V> implements Iterable<[string, V]> {
  /** Per slot, the entry number + 1 (0 = empty) and the key's hash beside it: a probe reads one cache line. */
  private slots = new Int32Array(32);
  private mask = 15;
  private keyOf: string[] = [];
  private hashOf = new Int32Array(8);
  private valueOf: (V | undefined)[] = [];
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** `hash` is `hashKey(key)`: a caller looking one key up in many tables computes it once. */
  get(key: string, hash = hashKey(key)): V | undefined {
    const entry = this.find(key, hash);
    return entry < 0 ? undefined : this.valueOf[entry];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): this {
    if (value === undefined) throw new TypeError("KeyTable: undefined marks a deleted key");
    const hash = hashKey(key);
    const at = this.lookup(key, hash);
    if (at >= 0) {
      if (this.valueOf[at] === undefined) this.live++;
      this.valueOf[at] = value;
    } else this.append(key, hash, value, -at - 1);
    return this;
  }

  /** Sets a key only when it has no value: false (and nothing changes) when it has one. One hash, one probe. */
  add(key: string, value: V): boolean {
    if (value === undefined) throw new TypeError("KeyTable: undefined marks a deleted key");
    const hash = hashKey(key);
    const at = this.lookup(key, hash);
    if (at < 0) this.append(key, hash, value, -at - 1);
    else if (this.valueOf[at] === undefined) {
      this.valueOf[at] = value;
      this.live++;
    } else return false;
    return true;
  }

  /**
   * Sets a key to `next(its value or undefined, arg)` with one hash and one probe (a read then a set would
   * take two of each): the posting lists' insert. `next` is a plain function, so no closure per call.
   */
  upsert<A>(key: string, next: (value: V | undefined, arg: A) => V, arg: A, hash = hashKey(key)): void {
    const at = this.lookup(key, hash);
    if (at >= 0) {
      const before = this.valueOf[at];
      const value = next(before, arg);
      if (value === undefined) throw new TypeError("KeyTable: undefined marks a deleted key");
      if (before === undefined) this.live++;
      this.valueOf[at] = value;
    } else {
      const value = next(undefined, arg);
      if (value === undefined) throw new TypeError("KeyTable: undefined marks a deleted key");
      this.append(key, hash, value, -at - 1);
    }
  }

  /**
   * Makes room for `extra` more keys, so a caller about to add many (a whole list) does not rebuild the
   * slots at every doubling on the way.
   */
  reserve(extra: number): void {
    const needed = this.keyOf.length + extra;
    if (needed > this.hashOf.length) {
      const grown = new Int32Array(needed);
      grown.set(this.hashOf);
      this.hashOf = grown;
    }
    let size = this.mask + 1;
    while (needed * 2 > size - 1) size *= 2;
    if (size !== this.mask + 1) this.rebuild(size);
  }

  delete(key: string): boolean {
    const entry = this.find(key, hashKey(key));
    if (entry < 0 || this.valueOf[entry] === undefined) return false;
    this.valueOf[entry] = undefined;
    this.live--;
    // Mostly deleted entries (a long-lived list whose records changed many times): drop them.
    const dead = this.keyOf.length - this.live;
    if (dead > 1024 && dead > this.live) this.rebuild(this.mask + 1);
    return true;
  }

  /**
   * Entries by number, for loops over a whole table without an iterator or a pair per entry: numbers run
   * from 0 below `entryCount` in insertion order; a deleted entry's value is undefined.
   */
  get entryCount(): number {
    return this.keyOf.length;
  }

  keyAt(entry: number): string {
    return this.keyOf[entry]!;
  }

  valueAt(entry: number): V | undefined {
    return this.valueOf[entry];
  }

  /** The key's hash (see `get`): a lookup of this key in another table need not hash it again. */
  hashAt(entry: number): number {
    return this.hashOf[entry]!;
  }

  *entries(): IterableIterator<[string, V]> {
    for (let entry = 0; entry < this.keyOf.length; entry++) {
      const value = this.valueOf[entry];
      if (value !== undefined) yield [this.keyOf[entry]!, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (let entry = 0; entry < this.keyOf.length; entry++) if (this.valueOf[entry] !== undefined) yield this.keyOf[entry]!;
  }

  *values(): IterableIterator<V> {
    for (let entry = 0; entry < this.keyOf.length; entry++) {
      const value = this.valueOf[entry];
      if (value !== undefined) yield value;
    }
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  /** The entry number of a key (deleted or not), or -1. */
  private find(key: string, hash: number): number {
    const at = this.lookup(key, hash);
    return at < 0 ? -1 : at;
  }

  /** The entry number of a key (deleted or not), or -(the empty slot where it would go + 1). */
  private lookup(key: string, hash: number): number {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[2 * slot]! - 1;
      if (entry < 0) return -slot - 1;
      if (this.slots[2 * slot + 1] === hash && this.keyOf[entry] === key) return entry;
    }
  }

  /** Adds a new key whose probe ended at the empty `slot`. */
  private append(key: string, hash: number, value: V, slot: number): void {
    const added = this.keyOf.length;
    if (added === this.hashOf.length) {
      const grown = new Int32Array(added * 2);
      grown.set(this.hashOf);
      this.hashOf = grown;
    }
    this.keyOf.push(key);
    this.hashOf[added] = hash;
    this.valueOf.push(value);
    this.live++;
    // At most half full: probes stay short.
    if (this.keyOf.length * 2 > this.mask) this.rebuild((this.mask + 1) * 2);
    else {
      this.slots[2 * slot] = added + 1;
      this.slots[2 * slot + 1] = hash;
    }
  }

  private place(entry: number): void {
    const hash = this.hashOf[entry]!;
    let slot = hash & this.mask;
    while (this.slots[2 * slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = entry + 1;
    this.slots[2 * slot + 1] = hash;
  }

  /** New slots of `size`, without the deleted entries. */
  private rebuild(size: number): void {
    if (this.live === this.keyOf.length) {
      // Nothing deleted (a growing table): the entries stay, only the slots are laid out again.
      this.slots = new Int32Array(2 * size);
      this.mask = size - 1;
      for (let entry = 0; entry < this.keyOf.length; entry++) this.place(entry);
      return;
    }
    const keys: string[] = [];
    const values: V[] = [];
    const hashes = new Int32Array(Math.max(8, this.live * 2));
    for (let entry = 0; entry < this.keyOf.length; entry++) {
      const value = this.valueOf[entry];
      if (value === undefined) continue;
      hashes[keys.length] = this.hashOf[entry]!;
      keys.push(this.keyOf[entry]!);
      values.push(value);
    }
    while (keys.length * 2 > size - 1) size *= 2;
    this.keyOf = keys;
    this.valueOf = values;
    this.hashOf = hashes;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let entry = 0; entry < keys.length; entry++) this.place(entry);
  }
}

/** The hash a KeyTable files a key under: FNV-1a over UTF-16 code units. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  // As an int32, like the stored hashes (the empty string would otherwise keep the unsigned offset basis).
  return hash | 0;
}
