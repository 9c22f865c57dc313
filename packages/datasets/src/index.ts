import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));

/**
 * Absolute path of a public dataset file kept in this package for tests, evaluation and benchmarks
 * (see data/README.md for sources and licences), e.g. `datasetPath("orgs-chicago/csv_example_input_with_true_ids.csv")`.
 */
export function datasetPath(relative: string): string {
  const path = fileURLToPath(new URL(relative, new URL(`file://${DATA_DIR}`)));
  if (!existsSync(path)) throw new Error(`no dataset file ${relative} in ${DATA_DIR}`);
  return path;
}
