import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { extractFeatures } from "./src/matching/features.ts";
import { scorePair, toConfidence } from "./src/matching/score.ts";
import { describeEvidence } from "./src/matching/evidence.ts";
const rows = parse(readFileSync("/work/shared/datasets/orgs-chicago/csv_example_input_with_true_ids.csv"), { columns: true, bom: true }) as Record<string, string>[];
const recs = rows.map((row) => { const t = (k: string) => (row[k] ?? "").trim() || undefined; return { tid: row["True Id"]!, src: row.Source!, f: extractFeatures({ id: row.Id!, name: (row["Site name"] ?? "").replace(/\s+/g, " ").trim(), website: t("Website"), phone: t("Phone"), street: t("Address"), postalCode: t("Zip") } as any, 0) }; });
const freq = { total: recs.length, name: () => 1, token: () => 5, domain: () => 1, phone: () => 1, street: () => 1 };
const hist = new Map<string, number>(); let shown = 0;
for (let i = 0; i < recs.length; i++) for (let j = i + 1; j < recs.length; j++) {
  const a = recs[i]!, b = recs[j]!; if (a.tid !== b.tid) continue;
  const s = scorePair(a.f, b.f, freq as any); const c = toConfidence(s.account);
  const bucket = c >= 0.9 ? "accept" : c >= 0.5 ? "review" : "low"; hist.set(bucket, (hist.get(bucket) ?? 0) + 1);
  if (bucket === "low" && shown++ < 25) console.log(s.account.toFixed(1), "|", a.f.record.name, "|", a.f.record.street, a.f.record.postalCode, a.f.record.phone, "||", b.f.record.name, "|", b.f.record.street, b.f.record.postalCode, b.f.record.phone, "|", describeEvidence(a.f, b.f, s.evidence));
}
console.log(hist);
