import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { parseInput } from "./parse-input.ts";

const Schema = z.object({ minIcp: z.number().max(100), nested: z.object({ rate: z.number().min(0) }) });

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error("expected an AppError");
}

describe("parseInput", () => {
  it("returns parsed data", () => {
    expect(parseInput(Schema, { minIcp: 70, nested: { rate: 1 } }, "options")).toEqual({ minIcp: 70, nested: { rate: 1 } });
  });

  it("reports one line per problem, with labels for top-level fields", () => {
    const error = failure(() => parseInput(Schema, { minIcp: 120, nested: { rate: -1 } }, "options", { minIcp: "--min-icp" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("invalid options");
    expect(error.details).toEqual([
      "--min-icp: Too big: expected number to be <=100",
      "options.nested.rate: Too small: expected number to be >=0",
    ]);
  });
});
