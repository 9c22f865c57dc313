import { STANDARD_POPULATION_LABELS, type OverlapMatrix, type StandardPopulationKey } from "@mutual/core";
import { renderTable } from "./table.ts";

function label(key: string): string {
  return STANDARD_POPULATION_LABELS[key as StandardPopulationKey] ?? key;
}

const count = (n: number) => n.toLocaleString("en-US");

/** The matrix as a count grid with totals, then the recommended play of every non-empty cell. */
export function renderOverlapMatrix(matrix: OverlapMatrix): string {
  const header = ["mine \\ partner's", ...matrix.columns.map(label), "Total"];
  const body = matrix.rows.map((row, r) => [
    label(row),
    ...matrix.cells[r]!.map((cell) => count(cell.count)),
    count(matrix.rowTotals[r]!),
  ]);
  const totals = ["Total", ...matrix.columnTotals.map(count), count(matrix.total)];
  const grid = renderTable([header, ...body, totals], ["left", ...header.slice(1).map(() => "right" as const)]);

  const plays = matrix.cells
    .flat()
    .filter((cell) => cell.count > 0 && cell.play)
    .map((cell) => `  ${label(cell.row)} x ${label(cell.column)} (${count(cell.count)}): ${cell.play}`);
  return [grid, "", "Plays:", ...(plays.length > 0 ? plays : ["  (no overlapping companies)"])].join("\n");
}
