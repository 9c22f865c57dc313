/** Letters NFKD does not decompose into a base letter plus a mark. */
const EXTRA_FOLDS: Record<string, string> = {
  ł: "l", ø: "o", đ: "d", ð: "d", þ: "th", æ: "ae", œ: "oe", ß: "ss", ı: "i", ħ: "h", ŧ: "t",
};
const EXTRA_FOLD_RE = /[łøđðþæœßıħŧ]/g;
// Marks are dropped only after Latin, Greek and Cyrillic letters: elsewhere (kana, Indic scripts) they carry meaning.
const MARK_AFTER_ALPHABET_RE = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const ASCII_RE = /^[\x20-\x7e]*$/;

/**
 * Folds text for comparison: Unicode NFKD, accents removed, lower case, `&` -> " and ", dotted
 * abbreviations and apostrophes closed up (`A.B.C.` -> `abc`, `McDonald's` -> `mcdonalds`), every other
 * punctuation run -> one space. Returns the tokens.
 */
export function tokenizeText(input: string): string[] {
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
