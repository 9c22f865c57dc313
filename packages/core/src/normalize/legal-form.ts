import elfForms from "./data/legal-forms.json" with { type: "json" };

// Common English-language abbreviations the ELF list spells differently or not at all.
const COMMON_FORMS = [
  "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "ltd", "limited", "plc", "llp", "lp",
  "pllc", "pc", "pty", "pty ltd", "pvt", "pvt ltd", "pte", "pte ltd", "sdn bhd", "bhd", "sp z oo", "spolka z oo",
  "sa", "sas", "sarl", "srl", "spa", "sro", "spol sro", "gmbh", "ag", "kg", "bv", "nv", "oy", "ab", "as", "aps", "kk", "ltda",
];

const FORMS = new Set<string>([...elfForms, ...COMMON_FORMS]);
const MAX_FORM_TOKENS = 5;

/**
 * The forms as paths of words from their last word back ("pty ltd": ltd, then pty), so the longest form
 * ending a name is found by walking the name's last words once, without joining candidate word runs.
 */
interface FormNode {
  /** The form ending here (its words from this node back to the root), if one does. */
  form: string | undefined;
  before: Map<string, FormNode> | undefined;
}
const FORMS_BY_LAST_WORD = new Map<string, FormNode>();
for (const form of FORMS) {
  const words = form.split(" ");
  let level = FORMS_BY_LAST_WORD;
  let node: FormNode | undefined;
  for (let i = words.length - 1; i >= 0; i--) {
    node = level.get(words[i]!);
    if (!node) level.set(words[i]!, (node = { form: undefined, before: undefined }));
    if (i > 0) level = node.before ??= new Map();
  }
  node!.form = form;
}

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

/** The class of every known form, worked out once. */
const CLASS_OF = new Map<string, string>();
for (const form of FORMS) CLASS_OF.set(form, FORM_CLASSES[form] ?? form.replace(/ /g, ""));

/** The class of a stripped legal form, for comparing two names' forms. */
export function classifyLegalForm(form: string): string {
  return CLASS_OF.get(form) ?? FORM_CLASSES[form] ?? form.replace(/ /g, "");
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
  if (tokens.length > 0 && !FORMS_BY_LAST_WORD.has(tokens[tokens.length - 1]!) && !PREFIX_FORMS.has(tokens[0]!)) {
    return { core: tokens as string[], forms: [] };
  }
  let end = tokens.length;
  let start = 0;
  const forms: string[] = [];
  for (;;) {
    const size = longestFormEnding(tokens, start, end);
    if (size === 0) break;
    forms.unshift(size === 1 ? tokens[end - 1]! : tokens.slice(end - size, end).join(" "));
    end -= size;
  }
  while (end - start > 1 && PREFIX_FORMS.has(tokens[start] ?? "")) {
    forms.unshift(tokens[start] ?? "");
    start++;
  }
  if (end <= start) return { core: [...tokens], forms: [] };
  return { core: tokens.slice(start, end), forms };
}

/** Words in the longest known form (of at most MAX_FORM_TOKENS) ending at `end`, not before `start`; 0 for none. */
function longestFormEnding(tokens: readonly string[], start: number, end: number): number {
  let longest = 0;
  let node = end > start ? FORMS_BY_LAST_WORD.get(tokens[end - 1]!) : undefined;
  for (let size = 1; node !== undefined; size++) {
    if (node.form !== undefined) longest = size;
    if (size === MAX_FORM_TOKENS || end - size <= start) break;
    node = node.before?.get(tokens[end - size - 1]!);
  }
  return longest;
}
