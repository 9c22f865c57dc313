import { describe, expect, it } from "vitest";
import { parsePopulationFilter, validatePopulationFilter } from "./validate-filter.ts";

describe("validatePopulationFilter", () => {
  it.each([
    ["a condition", { field: "account.country", op: "equals", value: "DE" }],
    ["a custom field with any operator", { field: "account.renewal", op: "within_last_days", value: 90 }],
    ["empty without value", { field: "account.city", op: "empty" }],
    ["nested groups", { and: [{ or: [{ field: "opportunity.isWon", op: "equals", value: true }] }, { field: "account.icpScore", op: "between", value: [50, 100] }] }],
    ["a date range on a date field", { field: "opportunity.closeDate", op: "between", value: ["2026-01-01", "2026-12-31T23:59:59Z"] }],
  ])("accepts %s", (_name, filter) => {
    expect(validatePopulationFilter(filter)).toEqual({ ok: true, filter });
  });

  it.each([
    ["not an object", "country = DE", "$", "expected a condition"],
    ["an empty group", { and: [] }, "$.and", "non-empty array"],
    ["a group with two keys", { and: [{ field: "account.a", op: "empty" }], or: [] }, "$", "exactly one key"],
    ["a bad field path", { or: [{ field: "company.name", op: "empty" }] }, "$.or[0].field", "account.<field>"],
    ["an unknown operator", { field: "account.name", op: "like", value: "a" }, "$.op", ""],
    ["an unknown key", { field: "account.name", op: "equals", values: "a" }, "$.values", 'unknown key "values"'],
    ["an unknown opportunity field", { field: "opportunity.colour", op: "empty" }, "$.field", 'unknown opportunity field "colour"'],
    ["equals without value", { field: "account.name", op: "equals" }, "$.value", "single value"],
    ["equals with an array", { field: "account.name", op: "equals", value: ["a"] }, "$.value", "single value"],
    ["in with a scalar", { field: "account.name", op: "in", value: "a" }, "$.value", "non-empty array"],
    ["in with no values", { field: "account.name", op: "in", value: [] }, "$.value", "non-empty array"],
    ["between with one bound", { field: "account.icpScore", op: "between", value: [1] }, "$.value", "[low, high]"],
    ["between with mixed bounds", { field: "account.icpScore", op: "between", value: [1, "9"] }, "$.value", "both be numbers"],
    ["empty with a value", { field: "account.city", op: "empty", value: "x" }, "$.value", "takes no value"],
    ["within_last_days with text", { field: "opportunity.createdAt", op: "within_last_days", value: "30" }, "$.value", "whole number"],
    ["within_last_days negative", { field: "opportunity.createdAt", op: "within_last_days", value: -1 }, "$.value", "whole number"],
    ["within_last_days on a text field", { field: "account.name", op: "within_last_days", value: 3 }, "$.op", "does not apply to text"],
    ["contains on a boolean field", { field: "opportunity.isWon", op: "contains", value: "t" }, "$.op", "does not apply to boolean"],
    ["contains with empty text", { field: "account.name", op: "contains", value: "" }, "$.value", "non-empty text"],
    ["a number field with a word", { field: "opportunity.amount", op: "greater", value: "lots" }, "$.value", "expected a number"],
    ["a boolean field with a word", { field: "opportunity.isWon", op: "equals", value: "yes" }, "$.value", "expected true or false"],
    ["a date field with a non-date", { field: "opportunity.closeDate", op: "less", value: "soon" }, "$.value", "expected an ISO date"],
  ])("rejects %s at %s", (_name, filter, path, message) => {
    const result = validatePopulationFilter(filter);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it("reports every bad node of a tree with its own path", () => {
    const result = validatePopulationFilter({
      and: [
        { field: "account.country", op: "equals", value: "DE" },
        { or: [{ field: "opportunity.amount", op: "in", value: [] }, { field: "account.x", op: "not_empty", value: 1 }] },
      ],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: "$.and[1].or[0].value", message: '"in" needs a non-empty array of values' },
        { path: "$.and[1].or[1].value", message: '"not_empty" takes no value' },
      ],
    });
  });

  it("refuses trees nested deeper than 16 levels", () => {
    let filter: unknown = { field: "account.name", op: "empty" };
    for (let i = 0; i < 20; i += 1) filter = { and: [filter] };
    const result = validatePopulationFilter(filter);
    expect(result.ok).toBe(false);
  });

  it("parsePopulationFilter throws an invalid_input AppError with one detail per problem", () => {
    expect(() => parsePopulationFilter({ or: [{ field: "account.name", op: "in", value: "a" }] })).toThrowError(
      expect.objectContaining({ code: "invalid_input", details: ['$.or[0].value: "in" needs a non-empty array of values'] }),
    );
  });
});
