import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datasetPath } from "./index.ts";

describe("datasetPath", () => {
  it("finds a kept dataset file", () => {
    const header = readFileSync(datasetPath("orgs-chicago/csv_example_input_with_true_ids.csv"), "utf8").slice(0, 40);
    expect(header).toBe('"True Id","Id","Source","Site name","Add');
  });

  it("names the missing file", () => {
    expect(() => datasetPath("nope/x.csv")).toThrow("no dataset file nope/x.csv");
  });
});
