/**
 * Names one typo apart (a letter dropped, swapped or wrong in one long-enough word, or spacing). Works on
 * the keys in place, without splitting them: the scorer asks this of many candidate pairs.
 */
export function isTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  if (sameIgnoringSpaces(a, b)) return true; // "Face Book" / "Facebook"
  // Word by word: one word differs, by one edit (two in long words), and is long enough for that to be a
  // typo rather than another word ("Vandelay East" / "Vandelay West" are two companies).
  let typo = false;
  for (let i = 0, k = 0; ; ) {
    const x = wordEnd(a, i);
    const y = wordEnd(b, k);
    if (!sameRange(a, i, x, b, k, y)) {
      const shorter = Math.min(x - i, y - k);
      if (typo || shorter < 5) return false;
      const limit = shorter >= 10 ? 2 : 1;
      if (editDistanceWithin(a, i, x, b, k, y, limit) > limit) return false;
      typo = true;
    }
    // Another number of words is another name.
    if (x === a.length || y === b.length) return x === a.length && y === b.length && typo;
    i = x + 1;
    k = y + 1;
  }
}

/** Levenshtein distance with transpositions, giving up (limit + 1) once it exceeds the limit. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  return editDistanceWithin(a, 0, a.length, b, 0, b.length, limit);
}

function wordEnd(text: string, from: number): number {
  const space = text.indexOf(" ", from);
  return space < 0 ? text.length : space;
}

function sameRange(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let i = 0; i < aTo - aFrom; i++) if (a.charCodeAt(aFrom + i) !== b.charCodeAt(bFrom + i)) return false;
  return true;
}

function sameIgnoringSpaces(a: string, b: string): boolean {
  let i = 0;
  let k = 0;
  for (;;) {
    while (i < a.length && a.charCodeAt(i) === 32) i++;
    while (k < b.length && b.charCodeAt(k) === 32) k++;
    if (i === a.length || k === b.length) return i === a.length && k === b.length;
    if (a.charCodeAt(i++) !== b.charCodeAt(k++)) return false;
  }
}

/** Three rows of the distance table, reused across calls (grown for longer words). */
let rows = new Int32Array(3 * 64);

function editDistanceWithin(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number, limit: number): number {
  const m = aTo - aFrom;
  const n = bTo - bFrom;
  const width = n + 1;
  if (rows.length < 3 * width) rows = new Int32Array(6 * width);
  let beforePrevious = 0;
  let previous = width;
  let current = 2 * width;
  for (let k = 0; k <= n; k++) rows[previous + k] = k;
  for (let i = 1; i <= m; i++) {
    const ca = a.charCodeAt(aFrom + i - 1);
    rows[current] = i;
    let rowMin = i;
    for (let k = 1; k <= n; k++) {
      const cb = b.charCodeAt(bFrom + k - 1);
      let value = Math.min(rows[previous + k]! + 1, rows[current + k - 1]! + 1, rows[previous + k - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && k > 1 && ca === b.charCodeAt(bFrom + k - 2) && a.charCodeAt(aFrom + i - 2) === cb) {
        value = Math.min(value, rows[beforePrevious + k - 2]! + 1);
      }
      rows[current + k] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const free = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = free;
  }
  return rows[previous + n]!;
}
