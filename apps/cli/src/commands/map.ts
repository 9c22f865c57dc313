import {
  computeOverlapMatrix,
  groupMatchedCompanies,
  STANDARD_POPULATION_LABELS,
  STANDARD_POPULATIONS,
  standardPopulationOf,
  strongestStatus,
  type Account,
  type MatchedCompany,
  type StandardPopulationKey,
} from "@mutual/core";
import { parseCommandArgs, parseKeyValues, requireOption } from "../args.ts";
import { loadAccounts } from "../load-accounts.ts";
import { warnIfHeapTooSmall } from "../heap-warning.ts";
import { toMatchRecord } from "../match-records.ts";
import { matchWithProgress } from "../match-with-progress.ts";
import { renderOverlapMatrix } from "../render/overlap-matrix.ts";
import { renderTable } from "../render/table.ts";
import type { Command } from "./types.ts";

const USAGE = `map --mine A.csv --partner B.csv [--records] [--map field=Header ...] [--skip-invalid]

  --mine FILE        your accounts (CSV)
  --partner FILE     the partner's accounts (CSV)
  --records          also list the overlapping companies and their records
  --map f=Header     read canonical field f from column Header (repeatable; both files)
  --skip-invalid     import valid rows and report bad ones instead of rejecting the file

Accounts are matched by the matching engine (domain, name, phone, address); duplicates inside a list count
as one company, so both sides see the same number of overlapping companies.`;

interface Company {
  match: MatchedCompany;
  mine: Account[];
  partner: Account[];
}

function populationOf(records: readonly Account[]): StandardPopulationKey {
  return standardPopulationOf(strongestStatus(records.map((r) => r.status)));
}

function describeRecords(records: readonly Account[]): string {
  // Names may hold newlines (quoted CSV cells); a table row must stay on one line.
  return records.map((r) => `${r.id} ${r.name.replace(/\s+/g, " ")}`).join(" | ");
}

function renderRecords(companies: readonly Company[]): string {
  const label = (records: readonly Account[]) => STANDARD_POPULATION_LABELS[populationOf(records)];
  const rows = companies.map((c) => [
    label(c.mine),
    describeRecords(c.mine),
    label(c.partner),
    describeRecords(c.partner),
    c.match.confidence.toFixed(2),
    c.match.evidence,
  ]);
  return renderTable([
    ["my population", "my records", "partner's population", "partner's records", "confidence", "evidence"],
    ...rows,
  ]);
}

const count = (n: number) => n.toLocaleString("en-US");

export const mapCommand: Command = {
  name: "map",
  summary: "Map your accounts against a partner's: the overlap matrix with counts and plays.",
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs("map", args, {
      mine: { type: "string" },
      partner: { type: "string" },
      records: { type: "boolean", default: false },
      map: { type: "string", multiple: true, default: [] },
      "skip-invalid": { type: "boolean", default: false },
    });
    const minePath = requireOption("map", "mine", values.mine);
    const partnerPath = requireOption("map", "partner", values.partner);
    const loadOptions = { map: parseKeyValues("map", "map", values.map), skipInvalid: values["skip-invalid"] };

    const mine = await loadAccounts(ctx, minePath, loadOptions);
    const partner = await loadAccounts(ctx, partnerPath, loadOptions);
    warnIfHeapTooSmall(ctx, "map", mine.length + partner.length);
    const result = matchWithProgress(ctx, mine.map(toMatchRecord), partner.map(toMatchRecord), { left: minePath, right: partnerPath });

    const mineById = new Map(mine.map((a) => [a.id, a]));
    const partnerById = new Map(partner.map((a) => [a.id, a]));
    const all = groupMatchedCompanies(result.pairs).map((match) => ({
      match,
      mine: match.mineIds.map((id) => mineById.get(id)!),
      partner: match.partnerIds.map((id) => partnerById.get(id)!),
    }));
    const companies = all.filter((c) => c.match.relation === "same_account");
    const groupLinks = all.length - companies.length;

    const matrix = computeOverlapMatrix({
      rows: STANDARD_POPULATIONS,
      columns: STANDARD_POPULATIONS,
      companies: companies.map((c) => ({ minePopulations: [populationOf(c.mine)], partnerPopulations: [populationOf(c.partner)] })),
    });
    const { summary } = result;
    ctx.stdout.write(
      `Overlap: ${count(matrix.total)} companies ` +
        `(your records: ${count(summary.left.matchedRecords)} of ${count(summary.left.records)}, ` +
        `partner's records: ${count(summary.right.matchedRecords)} of ${count(summary.right.records)})\n`,
    );
    if (groupLinks > 0 || result.review.length > 0) {
      ctx.stdout.write(
        `Not counted: ${count(groupLinks)} parent/subsidiary links, ${count(result.review.length)} uncertain pairs ` +
          `(see mutual match --review)\n`,
      );
    }
    ctx.stdout.write(`\n${renderOverlapMatrix(matrix)}\n`);
    if (values.records) ctx.stdout.write(`\nOverlapping companies:\n${renderRecords(companies)}\n`);
    return 0;
  },
};
