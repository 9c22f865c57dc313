import elfForms from "./data/legal-forms.json" with { type: "json" };

// Common English-language abbreviations the ELF list spells differently or not at all.
const COMMON_FORMS = [
  "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "ltd", "limited", "plc", "llp", "lp",
  "pllc", "pc", "pty", "pty ltd", "pvt", "pvt ltd", "pte", "pte ltd", "sdn bhd", "bhd", "sp z oo", "spolka z oo",
  "sa", "sas", "sarl", "srl", "spa", "sro", "spol sro", "gmbh", "ag", "kg", "bv", "nv", "oy", "ab", "as", "aps", "kk", "ltda",
];

const FORMS = new Set<string>([...elfForms, ...COMMON_FORMS]);
/** Word counts of the forms ending in each word, longest first: "ltd" ends "ltd", "pty ltd", "pvt ltd", ... */
const FORM_ENDINGS = new Map<string, number[]>();
for (const form of FORMS) {
  const last = form.slice(form.lastIndexOf(" ") + 1);
  const size = form.split(" ").length;
  const sizes = FORM_ENDINGS.get(last) ?? [];
  if (!sizes.includes(size)) FORM_ENDINGS.set(last, [...sizes, size].sort((a, b) => b - a));
}
const MAX_FORM_TOKENS = 5;

/** Forms that also open names ("Oy Hello World", "OOO Ромашка"); other forms are only stripped at the end. */
const PREFIX_FORMS = new Set([
  "oy", "ab", "oao", "ooo", "zao", "pao", "ao", "pt", "tov", "pjsc", "ojsc", "cjsc", "jsc", "оао", "ооо", "зао", "пао", "ао",
]);

/** Equivalent spellings share a class so "Inc" and "Incorporated" do not count as conflicting forms. */
const FORM_CLASSES: Record<string, string> = {
  inc: "corp", incorporated: "corp", corp: "corp", corporation: "corp",
  ltd: "ltd", limited: "ltd", co: "co", company: "co",
  plc: "plc", "public limited company": "plc",
  gmbh: "gmbh", "gesellschaft mit beschrankter haftung": "gmbh",
  ag: "ag", aktiengesellschaft: "ag", sa: "sa", "societe anonyme": "sa", "sociedad anonima": "sa",
  bv: "bv", "besloten vennootschap": "bv", nv: "nv", "naamloze vennootschap": "nv",
  ab: "ab", aktiebolag: "ab", as: "as", aktieselskab: "as", aksjeselskap: "as", oy: "oy", osakeyhtio: "oy",
};

/** The class of a stripped legal form, for comparing two names' forms. */
export function classifyLegalForm(form: string): string {
  return FORM_CLASSES[form] ?? form.replace(/ /g, "");
}

/** Whether a folded token sequence is a known legal form (GLEIF ISO 20275 list plus common abbreviations). */
export function isLegalForm(folded: string): boolean {
  return FORMS.has(folded);
}

/**
 * Strips legal forms from folded tokens: repeatedly the longest known form at the end, and prefix forms at
 * the start. Returns the remaining tokens and the stripped forms; when nothing but forms is left the name
 * is kept whole ("Inc" stays "inc"), since a name is needed to match on.
 */
export function stripLegalForms(tokens: readonly string[]): { core: string[]; forms: string[] } {
  if (tokens.length > 0 && !FORM_ENDINGS.has(tokens[tokens.length - 1]!) && !PREFIX_FORMS.has(tokens[0]!)) {
    return { core: tokens as string[], forms: [] };
  }
  let end = tokens.length;
  let start = 0;
  const forms: string[] = [];
  let stripped = true;
  while (stripped && end > start) {
    stripped = false;
    // Only the form lengths that can end in this word, longest first (the same order as trying 5 down to 1).
    for (const size of FORM_ENDINGS.get(tokens[end - 1]!) ?? []) {
      if (size > Math.min(MAX_FORM_TOKENS, end - start)) continue;
      const form = size === 1 ? tokens[end - 1]! : tokens.slice(end - size, end).join(" ");
      if (FORMS.has(form)) {
        forms.unshift(form);
        end -= size;
        stripped = true;
        break;
      }
    }
  }
  while (end - start > 1 && PREFIX_FORMS.has(tokens[start] ?? "")) {
    forms.unshift(tokens[start] ?? "");
    start++;
  }
  if (end <= start) return { core: [...tokens], forms: [] };
  return { core: tokens.slice(start, end), forms };
}
