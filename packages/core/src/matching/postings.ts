import type { KeyTable } from "./key-table.ts";

/**
 * Posting lists of a blocking key: most keys are carried by one record, so the index itself is stored and an
 * array made only from the second; lists past SET_FROM become a Set so removing from a common key is O(1).
 */
export type Posting = number | number[] | Set<number>;

const SET_FROM = 256;

/** Files a record under a key (`hash`: `hashKey(key)` when the caller has it). */
export function addPosting(table: KeyTable<Posting>, key: string, idx: number, hash?: number): void {
  table.upsert(key, withRecord, idx, hash);
}

/** A posting with one more record (the array grows in place). */
function withRecord(posting: Posting | undefined, idx: number): Posting {
  if (posting === undefined) return idx;
  if (typeof posting === "number") return [posting, idx];
  if (Array.isArray(posting)) {
    posting.push(idx);
    return posting.length > SET_FROM ? new Set(posting) : posting;
  }
  return posting.add(idx);
}

export function removePosting(map: KeyTable<Posting>, key: string, idx: number): void {
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
