import { stringify } from "csv-stringify/sync";
import type { MatchPair } from "@mutual/core";
import { parseCommandArgs, parseKeyValues, requireOption } from "../args.ts";
import { loadAccountsAs, resolveUserPath } from "../load-accounts.ts";
import { warnIfHeapTooSmall } from "../heap-warning.ts";
import { matchWithProgress } from "../match-with-progress.ts";
import { toMatchRecord } from "../match-records.ts";
import { checkWritable, writeFileAtomically } from "../write-file-atomically.ts";
import type { Command } from "./types.ts";

const USAGE = `match --left A.csv --right B.csv [--out FILE] [--explain] [--review FILE] [--map field=Header ...] [--skip-invalid]

  --left FILE        first account list (CSV)
  --right FILE       second account list (CSV)
  --out FILE         write the accepted pairs here instead of standard output
  --explain          print the overlap summary and each accepted pair's reason on standard error
  --review FILE      also write the pairs below the accept confidence that deserve a person's look
  --map f=Header     read canonical field f from column Header (repeatable; both files)
  --skip-invalid     import valid rows and report bad ones instead of rejecting the file

Output: CSV left_id,right_id,relation,confidence,evidence (relation same_account or same_group).`;

const HEADER = ["left_id", "right_id", "relation", "confidence", "evidence"];

function toCsv(pairs: readonly MatchPair[]): string {
  return stringify([HEADER, ...pairs.map((p) => [p.leftId, p.rightId, p.relation, p.confidence.toFixed(3), p.evidence])]);
}

export const matchCommand: Command = {
  name: "match",
  summary: "Match two account lists: accepted pairs with relation, confidence and evidence as CSV.",
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs("match", args, {
      left: { type: "string" },
      right: { type: "string" },
      out: { type: "string" },
      review: { type: "string" },
      explain: { type: "boolean", default: false },
      map: { type: "string", multiple: true, default: [] },
      "skip-invalid": { type: "boolean", default: false },
    });
    const leftPath = requireOption("match", "left", values.left);
    const rightPath = requireOption("match", "right", values.right);
    const loadOptions = { map: parseKeyValues("match", "map", values.map), skipInvalid: values["skip-invalid"] };
    for (const output of [values.out, values.review]) if (output) await checkWritable(resolveUserPath(ctx, output), output);
    // Only the fields the matcher reads are kept, row by row: at a million rows a side, the parsed accounts of a
    // whole file would otherwise sit beside the records.
    const left = await loadAccountsAs(ctx, leftPath, toMatchRecord, loadOptions);
    const right = await loadAccountsAs(ctx, rightPath, toMatchRecord, loadOptions);
    warnIfHeapTooSmall(ctx, "match", left.length + right.length);

    const result = matchWithProgress(ctx, left, right, { left: leftPath, right: rightPath });
    const csv = toCsv(result.pairs);
    if (values.out) await writeFileAtomically(resolveUserPath(ctx, values.out), csv, values.out);
    if (values.review) await writeFileAtomically(resolveUserPath(ctx, values.review), toCsv(result.review), values.review);
    if (!values.out) ctx.stdout.write(csv);

    const { summary } = result;
    const info = values.out ? ctx.stdout : ctx.stderr;
    info.write(
      `Overlapping companies: ${summary.overlappingCompanies} ` +
        `(left records: ${summary.left.matchedRecords} of ${summary.left.records} in ${summary.left.companies} companies, ` +
        `right records: ${summary.right.matchedRecords} of ${summary.right.records} in ${summary.right.companies} companies; ` +
        `${result.pairs.length} accepted pairs, ${result.review.length} for review)\n`,
    );
    if (values.explain) {
      for (const p of result.pairs) {
        ctx.stderr.write(`${p.leftId} ~ ${p.rightId} ${p.relation} ${p.confidence.toFixed(3)}: ${p.evidence}\n`);
      }
    }
    return 0;
  },
};
