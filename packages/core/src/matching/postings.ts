/**
 * Posting lists of a blocking key: most keys are carried by one record, so the index itself is stored and an
 * array made only from the second; lists past SET_FROM become a Set so removing from a common key is O(1).
 */
export type Posting = number | number[] | Set<number>;

const SET_FROM = 256;

/** What the posting functions need of a table of postings by key (a Map or a KeyTable). */
export interface PostingTable {
  get(key: string): Posting | undefined;
  set(key: string, posting: Posting): unknown;
  delete(key: string): boolean;
}

export function addPosting(map: PostingTable, key: string, idx: number): void {
  const posting = map.get(key);
  if (posting === undefined) map.set(key, idx);
  else if (typeof posting === "number") map.set(key, [posting, idx]);
  else if (Array.isArray(posting)) {
    posting.push(idx);
    if (posting.length > SET_FROM) map.set(key, new Set(posting));
  } else posting.add(idx);
}

export function removePosting(map: PostingTable, key: string, idx: number): void {
  const posting = map.get(key);
  if (posting === undefined) return;
  if (typeof posting === "number") {
    if (posting === idx) map.delete(key);
  } else if (Array.isArray(posting)) {
    const at = posting.indexOf(idx);
    if (at < 0) return;
    posting.splice(at, 1);
    if (posting.length === 1) map.set(key, posting[0]!);
  } else {
    posting.delete(idx);
  }
}

export function postingSize(posting: Posting | undefined): number {
  if (posting === undefined) return 0;
  if (typeof posting === "number") return 1;
  return Array.isArray(posting) ? posting.length : posting.size;
}

/** The records of a posting (a copy-free view for arrays and sets). */
export function postingMembers(posting: Posting | undefined): Iterable<number> {
  if (posting === undefined) return [];
  return typeof posting === "number" ? [posting] : posting;
}
