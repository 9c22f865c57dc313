/**
 * Candidate pairs grouped by their first record, kept in typed arrays. A bulk candidate pass emits a pair once
 * per block the two records share (domain, stem, name, tokens, phone: several millions at a million records a
 * side), and a Map of arrays spent most of the pass on its own upkeep. Pairs come back grouped by first record,
 * first records in the order they were first added and each one's pairs in the order they were added.
 */
export class CandidatePairs {
  /** Per record: its first and last pair + 1 (0: none). */
  private readonly firstPair: Int32Array;
  private readonly lastPair: Int32Array;
  /** Per pair: the second record, and the next pair of the same first record + 1. */
  private second: Int32Array = new Int32Array(1024);
  private next: Int32Array = new Int32Array(1024);
  private count = 0;
  private readonly firsts: number[] = [];

  /** First records of pairs are numbered from `from` up to (not including) `to`. */
  constructor(
    private readonly from: number,
    to: number,
  ) {
    this.firstPair = new Int32Array(Math.max(0, to - from));
    this.lastPair = new Int32Array(Math.max(0, to - from));
  }

  add(a: number, b: number): void {
    if (this.count === this.second.length) {
      this.second = grow(this.second);
      this.next = grow(this.next);
    }
    const pair = this.count++;
    this.second[pair] = b;
    this.next[pair] = 0;
    const at = a - this.from;
    const last = this.lastPair[at]!;
    if (last === 0) {
      this.firsts.push(a);
      this.firstPair[at] = pair + 1;
    } else this.next[last - 1] = pair + 1;
    this.lastPair[at] = pair + 1;
  }

  /** The first records, in the order they were first added. */
  get firstRecords(): readonly number[] {
    return this.firsts;
  }

  /** The pairs of a first record, as `pair` numbers for `secondOf`: start with `firstOf(a)`, go on with `after`, stop at -1. */
  firstOf(a: number): number {
    return this.firstPair[a - this.from]! - 1;
  }

  after(pair: number): number {
    return this.next[pair]! - 1;
  }

  secondOf(pair: number): number {
    return this.second[pair]!;
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
