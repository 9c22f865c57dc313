/** Letters NFKD does not decompose into a base letter plus a mark. */
const EXTRA_FOLDS: Record<string, string> = {
  ł: "l", ø: "o", đ: "d", ð: "d", þ: "th", æ: "ae", œ: "oe", ß: "ss", ı: "i", ħ: "h", ŧ: "t",
};
const EXTRA_FOLD_RE = /[łøđðþæœßıħŧ]/g;
// Marks are dropped only after Latin, Greek and Cyrillic letters: elsewhere (kana, Indic scripts) they carry meaning.
const MARK_AFTER_ALPHABET_RE = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const ASCII_RE = /^[\x20-\x7e]*$/;

const WEB_SUFFIXES = ["com", "net", "org", "io", "co"];

/**
 * Tokens of printable-ASCII text in one pass, the same as tokenizeText (a fast-check property checks it):
 * `&` -> "and", `'`, `` ` `` and `.` between letters or digits closed up, every other non-alphanumeric a
 * separator; with `dropWebSuffix`, a `.com`/`.net`/`.org`/`.io`/`.co` glued to a word is dropped
 * ("Amazon.com Inc" -> amazon inc). Undefined when the text is not printable ASCII.
 */
export function tokenizeAscii(input: string, dropWebSuffix: boolean): string[] | undefined {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return undefined;
  }
  const lower = input.toLowerCase();
  const tokens: string[] = [];
  // A token is lower[start, i), preceded by `joined` when joiners (A.B.C, McDonald's) were closed up.
  let start = 0;
  let joined = "";
  for (let i = 0; i <= n; i++) {
    if (i === n) {
      const token = joined + lower.slice(start, i);
      if (token !== "") tokens.push(token);
      break;
    }
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue;
    if (c === 46 && dropWebSuffix && i > 0 && isWordChar(lower.charCodeAt(i - 1))) {
      const suffix = webSuffixAt(lower, i + 1);
      if (suffix > 0) {
        const token = joined + lower.slice(start, i);
        if (token !== "") tokens.push(token);
        joined = "";
        i += suffix;
        start = i + 1;
        continue;
      }
    }
    if ((c === 39 || c === 96 || c === 46) && isAlnum(lower.charCodeAt(i - 1)) && isAlnum(lower.charCodeAt(i + 1))) {
      joined += lower.slice(start, i);
      start = i + 1;
      continue;
    }
    const token = joined + lower.slice(start, i);
    if (token !== "") tokens.push(token);
    joined = "";
    start = i + 1;
    if (c === 38) tokens.push("and");
  }
  return tokens;
}

/** Length of a web suffix (com, net, ...) starting at `at` and ending a word, or 0. */
function webSuffixAt(input: string, at: number): number {
  for (const suffix of WEB_SUFFIXES) {
    if (input.length < at + suffix.length) continue;
    if (!input.startsWith(suffix, at)) continue;
    if (!isWordChar(input.charCodeAt(at + suffix.length))) return suffix.length;
  }
  return 0;
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** `\w` of a regular expression: letters, digits, underscore. */
function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}

/**
 * Folds text for comparison: Unicode NFKD, accents removed, lower case, `&` -> " and ", dotted
 * abbreviations and apostrophes closed up (`A.B.C.` -> `abc`, `McDonald's` -> `mcdonalds`), every other
 * punctuation run -> one space. Returns the tokens.
 */
export function tokenizeText(input: string): string[] {
  const fast = tokenizeAscii(input, false);
  if (fast) return fast;
  let text = input.toLowerCase();
  if (!ASCII_RE.test(text)) {
    text = text.normalize("NFKD").replace(MARK_AFTER_ALPHABET_RE, "$1").replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c)
      .normalize("NFC");
  }
  if (ASCII_RE.test(text)) {
    // Same steps with ASCII classes: several times faster than the Unicode property escapes.
    return text
      .replace(/&/g, " and ")
      .replace(/(?<=[a-z0-9])['`.](?=[a-z0-9])/g, "")
      .replace(/(?<=\b[a-z])\.(?=\s|$)/g, "")
      .split(/[^a-z0-9]+/)
      .filter((t) => t !== "");
  }
  text = text
    .replace(/&/g, " and ")
    .replace(/(?<=\p{L}|\p{N})['’`´.](?=\p{L}|\p{N})/gu, "")
    .replace(/(?<=\b\p{L})\.(?=\s|$)/gu, "");
  return text.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== "");
}

/** The folded form of a text as one space-separated string ("" when nothing is left). */
export function foldText(input: string): string {
  return tokenizeText(input).join(" ");
}
