import type { AccountStatus } from "../model/account.ts";
import type { StandardPopulationKey } from "../model/population.ts";

/** The recommended play per standard population pair (mine x partner's), from the design grid. */
const PLAYS: Record<StandardPopulationKey, Record<StandardPopulationKey, string>> = {
  customers: {
    customers: "build integration, case studies",
    open_opportunities: "give partner warm intro / context",
    prospects: "collect referral revenue",
  },
  open_opportunities: {
    customers: "get warm intro / context from partner",
    open_opportunities: "solution selling, co-marketing",
    prospects: "co-selling, co-marketing",
  },
  prospects: {
    customers: "get warm intro / context from partner",
    open_opportunities: "co-selling, co-marketing",
    prospects: "co-selling, co-marketing",
  },
};

export const STANDARD_POPULATIONS: readonly StandardPopulationKey[] = ["customers", "open_opportunities", "prospects"];

export const STANDARD_POPULATION_LABELS: Record<StandardPopulationKey, string> = {
  customers: "Customers",
  open_opportunities: "Opportunities",
  prospects: "Prospects",
};

function isStandardKey(key: string): key is StandardPopulationKey {
  return (STANDARD_POPULATIONS as readonly string[]).includes(key);
}

/** The play for a cell; custom populations have none. */
export function recommendPlay(mine: string, partner: string): string | undefined {
  return isStandardKey(mine) && isStandardKey(partner) ? PLAYS[mine][partner] : undefined;
}

const STATUS_RANK: Record<AccountStatus, number> = { customer: 3, opportunity: 2, prospect: 1 };

/** A company with several records takes its strongest status: one customer record makes it a customer. */
export function strongestStatus(statuses: Iterable<AccountStatus | undefined>): AccountStatus {
  let best: AccountStatus = "prospect";
  for (const status of statuses) {
    if (status && STATUS_RANK[status] > STATUS_RANK[best]) best = status;
  }
  return best;
}

/** Standard population of an account status; an account without a status is a prospect. */
export function standardPopulationOf(status: AccountStatus | undefined): StandardPopulationKey {
  switch (status) {
    case "customer":
      return "customers";
    case "opportunity":
      return "open_opportunities";
    default:
      return "prospects";
  }
}

/** One overlapping company: the populations it is in on each side. */
export interface MatrixCompany {
  minePopulations: readonly string[];
  partnerPopulations: readonly string[];
}

export interface OverlapMatrixCell {
  row: string;
  column: string;
  count: number;
  play: string | undefined;
}

export interface OverlapMatrix {
  rows: readonly string[];
  columns: readonly string[];
  /** cells[r][c] for rows[r] x columns[c]. */
  cells: OverlapMatrixCell[][];
  /** Companies in each row population with the partner side in any column (a company counts once). */
  rowTotals: number[];
  columnTotals: number[];
  /** Companies in at least one row and one column population. */
  total: number;
}

/**
 * Counts overlapping companies per (my population, partner's population) pair. With custom
 * populations a company may sit in several cells; totals still count each company once.
 */
export function computeOverlapMatrix(input: {
  rows: readonly string[];
  columns: readonly string[];
  companies: Iterable<MatrixCompany>;
}): OverlapMatrix {
  const { rows, columns } = input;
  const rowIndex = new Map(rows.map((key, i) => [key, i]));
  const columnIndex = new Map(columns.map((key, i) => [key, i]));
  const counts = rows.map(() => columns.map(() => 0));
  const rowTotals = rows.map(() => 0);
  const columnTotals = columns.map(() => 0);
  let total = 0;

  for (const company of input.companies) {
    const r = uniqueIndexes(company.minePopulations, rowIndex);
    const c = uniqueIndexes(company.partnerPopulations, columnIndex);
    if (r.length === 0 || c.length === 0) continue;
    total += 1;
    for (const ri of r) rowTotals[ri]! += 1;
    for (const ci of c) columnTotals[ci]! += 1;
    for (const ri of r) for (const ci of c) counts[ri]![ci]! += 1;
  }

  const cells = rows.map((row, ri) =>
    columns.map((column, ci) => ({ row, column, count: counts[ri]![ci]!, play: recommendPlay(row, column) })),
  );
  return { rows, columns, cells, rowTotals, columnTotals, total };
}

function uniqueIndexes(keys: readonly string[], index: Map<string, number>): number[] {
  const found = new Set<number>();
  for (const key of keys) {
    const i = index.get(key);
    if (i !== undefined) found.add(i);
  }
  return [...found];
}
