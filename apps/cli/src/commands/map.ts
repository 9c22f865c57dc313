import {
  computeOverlapMatrix,
  findDomainOverlaps,
  STANDARD_POPULATION_LABELS,
  STANDARD_POPULATIONS,
  standardPopulationOf,
  strongestStatus,
  type Account,
  type DomainOverlap,
  type StandardPopulationKey,
} from "@mutual/core";
import { parseCommandArgs, parseKeyValues, requireOption } from "../args.ts";
import { loadAccounts } from "../load-accounts.ts";
import { renderOverlapMatrix } from "../render/overlap-matrix.ts";
import { renderTable } from "../render/table.ts";
import type { Command } from "./types.ts";

const USAGE = `map --mine A.csv --partner B.csv [--records] [--map field=Header ...] [--skip-invalid]

  --mine FILE        your accounts (CSV)
  --partner FILE     the partner's accounts (CSV)
  --records          also list the overlapping companies and their records
  --map f=Header     read canonical field f from column Header (repeatable; both files)
  --skip-invalid     import valid rows and report bad ones instead of rejecting the file`;

function companyPopulation(records: readonly Account[]): StandardPopulationKey {
  return standardPopulationOf(strongestStatus(records.map((r) => r.status)));
}

function describeRecords(records: readonly Account[]): string {
  return records.map((r) => `${r.id} ${r.name}`).join(" | ");
}

function renderRecords(overlaps: readonly DomainOverlap[]): string {
  const label = (records: readonly Account[]) => STANDARD_POPULATION_LABELS[companyPopulation(records)];
  const rows = overlaps.map((o) => [o.domain, label(o.mine), describeRecords(o.mine), label(o.partner), describeRecords(o.partner)]);
  return renderTable([["company", "my population", "my records", "partner's population", "partner's records"], ...rows]);
}

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
    const overlaps = findDomainOverlaps(mine, partner);
    const matrix = computeOverlapMatrix({
      rows: STANDARD_POPULATIONS,
      columns: STANDARD_POPULATIONS,
      companies: overlaps.map((o) => ({
        minePopulations: [companyPopulation(o.mine)],
        partnerPopulations: [companyPopulation(o.partner)],
      })),
    });

    const mineRecords = overlaps.reduce((n, o) => n + o.mine.length, 0);
    const partnerRecords = overlaps.reduce((n, o) => n + o.partner.length, 0);
    ctx.stdout.write(
      `Overlap: ${matrix.total.toLocaleString("en-US")} companies ` +
        `(your records: ${mineRecords.toLocaleString("en-US")} of ${mine.length.toLocaleString("en-US")}, ` +
        `partner's records: ${partnerRecords.toLocaleString("en-US")} of ${partner.length.toLocaleString("en-US")}; ` +
        `matched on exact website domain)\n\n`,
    );
    ctx.stdout.write(`${renderOverlapMatrix(matrix)}\n`);
    if (values.records) ctx.stdout.write(`\nOverlapping companies:\n${renderRecords(overlaps)}\n`);
    return 0;
  },
};
