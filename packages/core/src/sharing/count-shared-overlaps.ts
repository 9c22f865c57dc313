import { AppError } from "../errors.ts";
import type { ViewPermission } from "./decide-visibility.ts";

export interface OverlapSideRecord {
  accountId: string;
  populationIds: readonly string[];
}

/** One company both orgs have, with all of each org's records of it (duplicates included). */
export interface OverlapCompanyRecords {
  a: readonly OverlapSideRecord[];
  b: readonly OverlapSideRecord[];
}

/** One cell of the viewer's matrix: one of its own populations x one population the other org shares. */
export interface SharedOverlapCell {
  ownPopulationId: string;
  otherPopulationId: string;
  /** Companies with a viewer record in the row and an other-org record in the column. */
  companies: number;
  /** The viewer's records of those companies in its row population. */
  ownRecords: number;
  /** The other org's records of those companies in its column population. */
  otherRecords: number;
}

/**
 * Overlap counts as one org sees them against a partner, from the ONE list of overlapping
 * companies stored for the partnership. Counting companies (not records) from the same list makes
 * the numbers symmetric: where A shares population X and B shares Y (at `counts` or more), A's
 * cell (X, Y) and B's cell (Y, X) hold the same company count, each side's record counts beside it.
 *
 * Columns are only the other org's populations its permission grants to the viewer; the viewer's
 * own populations are all rows (its own data). Where only one side shares, only the side it
 * shares with gets the cell. Known limit: a viewer slicing by a tiny own population (one account)
 * learns whether that company is in the column population; that is what `counts` allows, so keep
 * populations you must not reveal per company `hidden`.
 */
export function countSharedOverlaps(input: {
  orgA: string;
  orgB: string;
  companies: readonly OverlapCompanyRecords[];
  /** decideVisibility for the viewer reading the other org's data. */
  permission: ViewPermission;
  /** Every population of the viewer. */
  viewerPopulationIds: readonly string[];
}): SharedOverlapCell[] {
  const { orgA, orgB, permission } = input;
  const pair = new Set([orgA, orgB]);
  if (orgA === orgB || !pair.has(permission.viewerOrgId) || !pair.has(permission.ownerOrgId) || permission.viewerOrgId === permission.ownerOrgId) {
    throw new AppError("invalid_input", "overlap counts need a permission of one org of the pair reading the other");
  }
  if (permission.access !== "partner") return [];
  const viewerIsA = permission.viewerOrgId === orgA;
  const columns = permission.grants.map((grant) => grant.populationId);

  const rows = [...new Set(input.viewerPopulationIds)];
  const cells = new Map<string, SharedOverlapCell>();
  const key = (row: string, column: string) => JSON.stringify([row, column]);
  for (const row of rows) {
    for (const column of columns) cells.set(key(row, column), { ownPopulationId: row, otherPopulationId: column, companies: 0, ownRecords: 0, otherRecords: 0 });
  }
  // one pass over companies: records per population on each side, then every (row, column) hit
  for (const company of input.companies) {
    const own = recordsPerPopulation(viewerIsA ? company.a : company.b);
    const other = recordsPerPopulation(viewerIsA ? company.b : company.a);
    for (const [row, ownRecords] of own) {
      for (const [column, otherRecords] of other) {
        const cell = cells.get(key(row, column));
        if (!cell) continue;
        cell.companies += 1;
        cell.ownRecords += ownRecords;
        cell.otherRecords += otherRecords;
      }
    }
  }
  return [...cells.values()];
}

function recordsPerPopulation(records: readonly OverlapSideRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const populationId of new Set(record.populationIds)) counts.set(populationId, (counts.get(populationId) ?? 0) + 1);
  }
  return counts;
}
