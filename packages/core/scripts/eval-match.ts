/**
 * `pnpm eval:match`: pairwise precision and recall of the matcher on the orgs-chicago dataset
 * (dedupeio/dedupe-examples csv_example, 3,337 records of Chicago early-childhood providers from 9 sources,
 * ground truth `True Id`).
 *
 * Split: by source, like two CRMs that each hold duplicates. Left = the two largest sources (CPS portal scrape,
 * ECE Find a School scrape: 1,902 records); right = the seven others (1,435 records).
 * Fields: Site name -> name, Address -> street, Zip -> postalCode, Phone -> phone, Website -> website; phones
 * are read as US numbers (`defaultPhoneCountry: "US"`). Nothing else of the dataset is used: no ids, no
 * dataset-specific rules; the engine runs with its default options (accept 0.9, review 0.5, blocks <= 60).
 * Metric: a true pair is a (left, right) record pair with one True Id (3,184 pairs); a predicted pair is an
 * accepted same_account pair (every left x right record pair of a matched company is written, so the
 * within-list clustering counts). Precision = correct / predicted, recall = correct / true pairs.
 * Usage: pnpm eval:match [path to csv_example_input_with_true_ids.csv] [--errors: list false positives]
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { matchAccounts } from "../src/matching/match-accounts.ts";
import type { MatchRecord } from "../src/matching/types.ts";

const path = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "/work/shared/datasets/orgs-chicago/csv_example_input_with_true_ids.csv";
const LEFT_SOURCES = new Set(["CPS_Early_Childhood_Portal_scrape.csv", "ECE Chicago Find a School scrape.csv"]);

const rows = parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];
const truth = new Map<string, string>();
const left: MatchRecord[] = [];
const right: MatchRecord[] = [];
for (const row of rows) {
  const id = row.Id!;
  truth.set(id, row["True Id"]!);
  const record: MatchRecord = { id, name: (row["Site name"] ?? "").replace(/\s+/g, " ").trim() || "(no name)" };
  const text = (key: string) => (row[key] ?? "").trim() || undefined;
  if (text("Website")) record.website = text("Website");
  if (text("Phone")) record.phone = text("Phone");
  if (text("Address")) record.street = text("Address");
  if (text("Zip")) record.postalCode = text("Zip");
  (LEFT_SOURCES.has(row.Source ?? "") ? left : right).push(record);
}

const started = performance.now();
const result = matchAccounts(left, right, { defaultPhoneCountry: "US" });
const elapsed = performance.now() - started;

const rightByTruth = new Map<string, number>();
for (const record of right) rightByTruth.set(truth.get(record.id)!, (rightByTruth.get(truth.get(record.id)!) ?? 0) + 1);
let truePairs = 0;
for (const record of left) truePairs += rightByTruth.get(truth.get(record.id)!) ?? 0;
const predicted = result.pairs.filter((p) => p.relation === "same_account");
const correct = predicted.filter((p) => truth.get(p.leftId) === truth.get(p.rightId)).length;
const precision = predicted.length === 0 ? 1 : correct / predicted.length;
const recall = truePairs === 0 ? 1 : correct / truePairs;

console.log(`orgs-chicago: left ${left.length} records (2 largest sources), right ${right.length} records (7 others)`);
console.log(`true cross pairs ${truePairs}, predicted ${predicted.length}, correct ${correct}, review ${result.review.length}`);
console.log(`pairwise precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  (targets >= 0.97, >= 0.85)`);
console.log(
  `companies: left ${result.summary.left.companies}, right ${result.summary.right.companies}, overlapping ${result.summary.overlappingCompanies}; match ${elapsed.toFixed(0)} ms`,
);
if (process.argv.includes("--errors")) {
  const byId = new Map([...left, ...right].map((r) => [r.id, r]));
  for (const p of predicted.filter((p) => truth.get(p.leftId) !== truth.get(p.rightId)).slice(0, 15)) {
    console.log("FP", JSON.stringify(byId.get(p.leftId)), JSON.stringify(byId.get(p.rightId)), p.evidence);
  }
}
