/**
 * Dev-time generator of the matching engine's data modules from the shared datasets:
 *   src/normalize/data/free-email-domains.json  (Kikobeats/free-email-domains, MIT)
 *   src/normalize/data/legal-forms.json         (GLEIF ISO 20275 ELF code list)
 * Run: pnpm --filter @mutual/core build:match-data [datasets dir]. Core reads the JSON at import, never files.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { foldText } from "../src/normalize/text.ts";

const datasets = process.argv[2] ?? "/work/shared/datasets";
const out = new URL("../src/normalize/data/", import.meta.url).pathname;

const freeMail = (JSON.parse(readFileSync(join(datasets, "domains/free-email-domains.json"), "utf8")) as string[])
  .map((d) => d.trim().toLowerCase())
  .filter((d) => d.includes("."));
writeFileSync(join(out, "free-email-domains.json"), `${JSON.stringify([...new Set(freeMail)].sort())}\n`);
copyFileSync(join(datasets, "domains/LICENSE-free-email-domains.md"), join(out, "LICENSE-free-email-domains.md"));

// Abbreviations (local and transliterated) of every active form, plus spelled-out names of forms that have an
// abbreviation and at most 5 words: long descriptive names ("Government Entity") are not suffixes of company names.
const rows = parse(readFileSync(join(datasets, "legal-forms/elf-code-list.csv")), {
  columns: true,
  bom: true,
}) as Record<string, string>[];
// Forms that are more often part of a name than a legal form ("Union Pacific Railroad", "Rocky II").
const NAME_WORDS = new Set(
  ("railroad district municipal fund bund canton cantone commune comune series procura procuration prokura firma " +
    "estado gemeinde kanton bezirk distretto municipio condominiums confederation confederazione cooperation " +
    "undivided chartered trust society foundation fondation association partnership dba ii et ok ed ms bi hu eu " +
    "ee fi ju ko ky ml op og oi ei ep ku da fa dd ba").split(" "),
);
const forms = new Set<string>();
for (const row of rows) {
  if (row["ELF Status ACTV/INAC"] !== "ACTV") continue;
  const abbreviations = [row["Abbreviations Local language"], row["Abbreviations transliterated"]]
    .flatMap((cell) => (cell ?? "").split(";"))
    .map(foldText)
    .filter((form) => form.replace(/ /g, "").length >= 2);
  for (const form of abbreviations) if (!NAME_WORDS.has(form)) forms.add(form);
  if (abbreviations.length === 0) continue;
  for (const name of [row["Entity Legal Form name Local name"], row["Entity Legal Form name Transliterated name (per ISO 01-140-10)"]]) {
    const form = foldText(name ?? "");
    if (form !== "" && form.split(" ").length <= 5 && !NAME_WORDS.has(form)) forms.add(form);
  }
}
writeFileSync(join(out, "legal-forms.json"), `${JSON.stringify([...forms].sort())}\n`);
console.log(`free-email domains: ${freeMail.length}, legal forms: ${forms.size}`);
