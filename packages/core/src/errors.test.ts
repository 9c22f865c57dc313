import { describe, expect, it } from "vitest";
import { AppError, describeError } from "./errors.ts";

describe("describeError", () => {
  it("gives an AppError's code, message and each detail on its own line", () => {
    const error = new AppError("invalid_input", "accounts.csv: cannot read the account columns", {
      details: ["accounts.csv: line 1: missing required column 'name'"],
    });
    expect(describeError(error)).toBe("invalid_input: accounts.csv: cannot read the account columns\n  accounts.csv: line 1: missing required column 'name'");
  });

  it("keeps the first details of a long list and counts the rest", () => {
    const details = Array.from({ length: 25 }, (_, i) => `line ${i + 2}: bad row`);
    const text = describeError(new AppError("invalid_data", "3 of 25 rows are invalid", { details }), 20);
    const lines = text.split("\n");
    expect(lines).toHaveLength(22);
    expect(lines[20]).toBe("  line 21: bad row");
    expect(lines[21]).toBe("  ... and 5 more");
  });

  it("gives any other error's message, and anything else as text", () => {
    expect(describeError(new Error("socket hang up"))).toBe("socket hang up");
    expect(describeError("timeout")).toBe("timeout");
  });
});
