import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { matchAccounts } from "../src/matching/match-accounts.ts";
import { extractFeatures } from "../src/matching/features.ts";
import type { MatchRecord } from "../src/matching/types.ts";
const rows = parse(readFileSync("/work/shared/datasets/orgs-chicago/csv_example_input_with_true_ids.csv"), { columns: true, bom: true }) as Record<string, string>[];
const LEFT = new Set(["CPS_Early_Childhood_Portal_scrape.csv", "ECE Chicago Find a School scrape.csv"]);
const truth = new Map<string, string>(); const left: MatchRecord[] = []; const right: MatchRecord[] = []; const src = new Map<string,string>();
for (const row of rows) {
  const id = row.Id!; truth.set(id, row["True Id"]!); src.set(id, row.Source!.slice(0, 6));
  const r: MatchRecord = { id, name: (row["Site name"] ?? "").replace(/\s+/g, " ").trim() || "(no name)" };
  const t = (k: string) => (row[k] ?? "").trim() || undefined;
  if (t("Website")) r.website = t("Website"); if (t("Phone")) r.phone = t("Phone"); if (t("Address")) r.street = t("Address"); if (t("Zip")) r.postalCode = t("Zip");
  (LEFT.has(row.Source!) ? left : right).push(r);
}
const res = matchAccounts(left, right, { defaultPhoneCountry: "US" });
const got = new Set(res.pairs.filter(p => p.relation === "same_account").map(p => p.leftId + "|" + p.rightId));
const byId = new Map([...left, ...right].map(r => [r.id, r]));
const missed = new Map<string, [string, string][]>();
for (const l of left) for (const r of right) if (truth.get(l.id) === truth.get(r.id) && !got.has(l.id + "|" + r.id)) { const k = truth.get(l.id)!; if (!missed.has(k)) missed.set(k, []); missed.get(k)!.push([l.id, r.id]); }
const fmt = (r: MatchRecord) => `[${src.get(r.id)}] ${r.name} | ${r.street ?? ""} | ${r.postalCode ?? ""} | ${r.phone ?? ""} | ${r.website ?? ""}`;
const sorted = [...missed].sort((a, b) => b[1].length - a[1].length);
let total = 0; for (const [, v] of sorted) total += v.length;
console.log("missed", total, "clusters", sorted.length);
const mode = process.argv[2] ?? "fn";
if (mode === "fn") for (const [k, v] of sorted.slice(0, Number(process.argv[3] ?? 15))) {
  const ids = new Set<string>(); for (const [a, b] of v) { ids.add(a); ids.add(b); }
  console.log(`== ${k} missed ${v.length}`);
  const all = [...left, ...right].filter(r => truth.get(r.id) === k);
  for (const r of all) console.log("  " + (ids.has(r.id) ? "*" : " ") + (left.includes(r) ? "L " : "R ") + fmt(r));
}
if (mode === "fp") { const seen = new Set<string>(); for (const p of res.pairs.filter(p => p.relation === "same_account" && truth.get(p.leftId) !== truth.get(p.rightId))) { const k = truth.get(p.leftId) + "/" + truth.get(p.rightId); if (seen.has(k)) continue; seen.add(k); console.log("FP " + fmt(byId.get(p.leftId)!) + "\n   " + fmt(byId.get(p.rightId)!) + "\n   " + p.evidence + " " + p.confidence); } }
if (mode === "pair") {
  const { createMatchIndex } = await import("../src/matching/match-index.ts");
  const { scorePair } = await import("../src/matching/score.ts");
  const ix = createMatchIndex(left, right, { defaultPhoneCountry: "US" }) as any;
  const [a, b] = [process.argv[3]!, process.argv[4]!];
  const ia = ix.ids[0].get(a), ib = ix.ids[1].get(b);
  const fa = ix.records[ia], fb = ix.records[ib];
  console.log(fa, fb, scorePair(fa, fb, ix.freq), ix.edges[ia]?.map((e: any) => [ix.records[e.other].id, e.account]));
  console.log("cands", ix.candidatesOf(ia).map((i: number) => ix.records[i].id).includes(b));
}
if (mode === "of") console.log(res.pairs.filter(p => p.leftId === process.argv[3]), res.review.filter(p => p.leftId === process.argv[3]));
if (mode === "why") {
  const { createMatchIndex } = await import("../src/matching/match-index.ts");
  const { scorePair } = await import("../src/matching/score.ts");
  const { describeEvidence } = await import("../src/matching/evidence.ts");
  const ix = createMatchIndex(left, right, { defaultPhoneCountry: "US" }) as any;
  const seen = new Set<string>(); let n = 0; const hist = new Map<number, number>();
  for (const [, v] of sorted) for (const [a, b] of v) {
    const fa = ix.records[ix.ids[0].get(a)], fb = ix.records[ix.ids[1].get(b)];
    const s = scorePair(fa, fb, ix.freq);
    const bucket = Math.floor(s.account); hist.set(bucket, (hist.get(bucket) ?? 0) + 1);
    const k = fa.nameKey + "|" + fb.nameKey; if (seen.has(k)) continue; seen.add(k);
    if (n++ < Number(process.argv[3] ?? 40)) console.log(s.account.toFixed(1), ix.candidatesOf(ix.ids[0].get(a)).includes(ix.ids[1].get(b)) ? "C" : "-", "|", fmt(byId.get(a)!), "||", fmt(byId.get(b)!), "|", describeEvidence(fa, fb, s.evidence));
  }
  console.log([...hist].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`).join(" "));
}
