import {
  AppError,
  buildCosellShortlist,
  computeCosellScore,
  CosellConfigSchema,
  formatScore,
  knownFact,
  parseInput,
  scoreTier,
  unknownFact,
  type Account,
  type CosellConfig,
  type CosellFacts,
  type Opportunity,
  type SharedFact,
} from "@mutual/core";
import { stringify } from "csv-stringify/sync";
import { parseCommandArgs, parseKeyValues, requireOption } from "../args.ts";
import { loadAccounts, loadOpportunities, resolveUserPath } from "../load-accounts.ts";
import { checkWritable, writeFileAtomically } from "../write-file-atomically.ts";
import type { Command } from "./types.ts";
import { warnIfHeapTooSmall } from "../heap-warning.ts";
import { toMatchRecord } from "../match-records.ts";
import { matchWithProgress } from "../match-with-progress.ts";

const USAGE = `cosell --mine A.csv --partner B.csv [--partner-opps O.csv] [--weights customer=..,opps=..,tier=..]
       [--tiers Platinum=3,Gold=2,Silver=1] [--min-icp 70] [--out FILE] [--map field=Header ...] [--skip-invalid]

  --mine FILE          your accounts (CSV, with icp_score)
  --partner FILE       the partner's accounts (CSV; status and tier columns are what it shares)
  --partner-opps FILE  the partner's opportunities (CSV); without it, open opportunities are unknown
  --weights k=v,...    score weights (defaults customer=0.35,opps=0.45,tier=0.2)
  --tiers Name=n,...   tier score table, replaces the default Platinum=3,Gold=2,Silver=1
  --min-icp N          shortlist accounts with ICP score >= N (default 70)
  --out FILE           write the CSV there instead of stdout
  --map f=Header       read canonical field f from column Header (repeatable; all files)
  --skip-invalid       import valid rows and report bad ones instead of rejecting a file`;

const HEADER = [
  "account_id",
  "name",
  "icp_score",
  "partner_customer",
  "partner_open_opps",
  "partner_tier",
  "tier_score",
  "cosell_score",
  "quadrant",
];
const PARTNER_ID = "partner";

function parseNumber(option: string, key: string, text: string): number {
  const value = Number(text);
  if (text === "" || !Number.isFinite(value)) {
    throw new AppError("invalid_input", `--${option}: '${key}' expects a number, got '${text}'`);
  }
  return value;
}

/** Builds the co-sell configuration from the command line; unknown weight names are rejected. */
function parseConfig(values: { weights?: string | undefined; tiers?: string | undefined; "min-icp"?: string | undefined }): CosellConfig {
  const weights: Record<string, number> = {};
  for (const [key, text] of Object.entries(values.weights ? parseKeyValues("cosell", "weights", [values.weights]) : {})) {
    if (!["customer", "opps", "tier"].includes(key)) {
      throw new AppError("invalid_input", `--weights: unknown weight '${key}' (expected customer, opps, tier)`);
    }
    weights[key] = parseNumber("weights", key, text);
  }
  const tiers = values.tiers
    ? Object.fromEntries(
        Object.entries(parseKeyValues("cosell", "tiers", [values.tiers])).map(([k, v]) => [k, parseNumber("tiers", k, v)]),
      )
    : undefined;
  const minIcp = values["min-icp"] === undefined ? undefined : parseNumber("min-icp", "min-icp", values["min-icp"]);
  return parseInput(
    CosellConfigSchema,
    { weights, ...(tiers ? { tiers } : {}), ...(minIcp === undefined ? {} : { minIcp }) },
    "co-sell options",
    { weights: "--weights", tiers: "--tiers", minIcp: "--min-icp" },
  );
}

/** What the partner's files share about one of my accounts, with unshared facts marked unknown. */
function describePartnerFacts(
  accountId: string,
  matched: readonly Account[],
  openOppsByAccount: ReadonlyMap<string, number> | undefined,
  config: CosellConfig,
): CosellFacts {
  const partnerOpenOpps: SharedFact<number> = openOppsByAccount
    ? knownFact(matched.reduce((n, a) => n + (openOppsByAccount.get(a.id) ?? 0), 0))
    : unknownFact("not_shared", "no --partner-opps file");
  if (matched.length === 0) {
    // Not in the partner's list: not its customer and no tier; its opportunities stay as shared.
    return { accountId, partnerId: PARTNER_ID, partnerCustomer: knownFact(false), partnerOpenOpps, partnerTier: knownFact("") };
  }
  const statuses = matched.map((a) => a.status).filter((s) => s !== undefined);
  const partnerCustomer: SharedFact<boolean> =
    statuses.length === 0 ? unknownFact("missing_value", "no status in the partner's file") : knownFact(statuses.includes("customer"));
  // Several partner records for one company: the best-scoring tier counts.
  const tiers = matched.map((a) => a.tier).filter((t): t is string => t !== undefined);
  const bestTier = tiers.sort((a, b) => scoreTier(b, config.tiers).score - scoreTier(a, config.tiers).score)[0];
  const partnerTier: SharedFact<string> =
    bestTier === undefined ? unknownFact("missing_value", "no tier in the partner's file") : knownFact(bestTier);
  return { accountId, partnerId: PARTNER_ID, partnerCustomer, partnerOpenOpps, partnerTier };
}

function countOpenOpps(opportunities: readonly Opportunity[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const opp of opportunities) if (!opp.isClosed) counts.set(opp.accountId, (counts.get(opp.accountId) ?? 0) + 1);
  return counts;
}

function factCell<T>(fact: SharedFact<T> | undefined, show: (value: T) => string): string {
  return fact?.known ? show(fact.value) : "";
}

export const cosellCommand: Command = {
  name: "cosell",
  summary: "Score where co-selling with a partner pays off: ICP shortlist, co-sell score and quadrant.",
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs("cosell", args, {
      mine: { type: "string" },
      partner: { type: "string" },
      "partner-opps": { type: "string" },
      weights: { type: "string" },
      tiers: { type: "string" },
      "min-icp": { type: "string" },
      out: { type: "string" },
      map: { type: "string", multiple: true, default: [] },
      "skip-invalid": { type: "boolean", default: false },
    });
    const minePath = requireOption("cosell", "mine", values.mine);
    const partnerPath = requireOption("cosell", "partner", values.partner);
    const config = parseConfig(values);
    const loadOptions = { map: parseKeyValues("cosell", "map", values.map), skipInvalid: values["skip-invalid"] };
    if (values.out) await checkWritable(resolveUserPath(ctx, values.out), values.out);

    const mine = await loadAccounts(ctx, minePath, loadOptions);
    const partner = await loadAccounts(ctx, partnerPath, loadOptions);
    warnIfHeapTooSmall(ctx, "cosell", mine.length + partner.length);
    const partnerOpps = values["partner-opps"] ? await loadOpportunities(ctx, values["partner-opps"], loadOptions) : undefined;
    const openOppsByAccount = partnerOpps ? countOpenOpps(partnerOpps) : undefined;

    // Matching with the core engine; only same-account pairs (not parent/subsidiary) carry partner facts.
    const partnerById = new Map(partner.map((a) => [a.id, a]));
    const matchedByMine = new Map<string, Account[]>();
    const { pairs } = matchWithProgress(ctx, mine.map(toMatchRecord), partner.map(toMatchRecord), { left: minePath, right: partnerPath });
    for (const pair of pairs) {
      const record = partnerById.get(pair.rightId);
      if (pair.relation !== "same_account" || !record) continue;
      matchedByMine.set(pair.leftId, [...(matchedByMine.get(pair.leftId) ?? []), record]);
    }
    const facts = mine.map((a) => describePartnerFacts(a.id, matchedByMine.get(a.id) ?? [], openOppsByAccount, config));
    const factsById = new Map(facts.map((f) => [f.accountId, f]));
    const shortlist = buildCosellShortlist(
      mine.map((a) => ({ id: a.id, name: a.name, ...(a.icpScore === undefined ? {} : { icpScore: a.icpScore }) })),
      facts.map((f) => computeCosellScore(f, config)),
      config,
    );

    const rows = shortlist.entries.map((entry) => {
      const f = factsById.get(entry.accountId);
      const tierScore = entry.best?.components.tier.tierScore;
      return [
        entry.accountId,
        entry.name ?? "",
        String(entry.icpScore),
        factCell(f?.partnerCustomer, String),
        factCell(f?.partnerOpenOpps, String),
        factCell(f?.partnerTier, (t) => t),
        tierScore === null || tierScore === undefined ? "" : String(tierScore),
        entry.cosellScore === null ? "" : formatScore(entry.cosellScore),
        entry.quadrant ?? "",
      ];
    });
    const csv = stringify([HEADER, ...rows]);
    if (values.out) await writeFileAtomically(resolveUserPath(ctx, values.out), csv, values.out);
    else ctx.stdout.write(csv);

    const { thresholds, excluded } = shortlist;
    const threshold = (value: number | null, digits: number) => (value === null ? "n/a" : formatScore(value, digits));
    ctx.stderr.write(
      `Shortlisted ${shortlist.entries.length} of ${mine.length} accounts (ICP >= ${config.minIcp}; ` +
        `${excluded.belowMinIcp} below, ${excluded.withoutIcp} without an ICP score); ` +
        `quadrant thresholds: ICP ${threshold(thresholds.icp, 1)}, co-sell ${threshold(thresholds.cosell, 2)}; ` +
        `matched with the account matching engine\n`,
    );
    const reasons = new Map<string, number>();
    for (const entry of shortlist.entries) {
      // One line per missing fact (not per combination), so the summary stays short.
      const best = entry.best;
      const lines =
        best && best.completeness !== "complete" ? best.reasons.map((r) => `co-sell score ${best.completeness}, ${r}`) : entry.reasons;
      for (const line of lines) reasons.set(line, (reasons.get(line) ?? 0) + 1);
    }
    for (const [reason, count] of reasons) ctx.stderr.write(`  ${count} account${count === 1 ? "" : "s"}: ${reason}\n`);
    if (values.out) ctx.stderr.write(`Wrote ${rows.length} rows to ${values.out}\n`);
    return 0;
  },
};
