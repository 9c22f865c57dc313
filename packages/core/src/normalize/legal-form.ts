import elfForms from "./data/legal-forms.json" with { type: "json" };

// Common English-language abbreviations the ELF list spells differently or not at all.
const COMMON_FORMS = [
  "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "ltd", "limited", "plc", "llp", "lp",
  "pllc", "pc", "pty", "pty ltd", "pvt", "pvt ltd", "pte", "pte ltd", "sdn bhd", "bhd", "sp z oo", "spolka z oo",
  "sa", "sas", "sarl", "srl", "spa", "sro", "spol sro", "gmbh", "ag", "kg", "bv", "nv", "oy", "ab", "as", "aps", "kk", "ltda",
];

const FORMS = new Set<string>([...elfForms, ...COMMON_FORMS]);
/** Last words of the forms: a name whose last token is none of them ends in no form (most names). */
const FORM_ENDINGS = new Set([...FORMS].map((form) => form.slice(form.lastIndexOf(" ") + 1)));
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
    for (let size = Math.min(MAX_FORM_TOKENS, end - start); size >= 1; size--) {
      const form = tokens.slice(end - size, end).join(" ");
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
