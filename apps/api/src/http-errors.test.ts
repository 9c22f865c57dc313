import { AppError } from "@mutual/core";
import { describe, expect, it } from "vitest";
import { HTTP_STATUS_BY_CODE, shapeError } from "./http-errors.ts";

describe("shapeError", () => {
  it.each([
    ["invalid_input", 400],
    ["unauthorized", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["rate_limited", 429],
    ["provider_error", 502],
  ] as const)("maps %s to %i with its message and details", (code, status) => {
    const shaped = shapeError(new AppError(code, "why", { details: ["line"] }), "req-1");
    expect(shaped).toEqual({ status, body: { error: { code, message: "why", details: ["line"], requestId: "req-1" } } });
    expect(HTTP_STATUS_BY_CODE[code]).toBe(status);
  });

  it("hides the message of internal errors and of anything that is not an AppError", () => {
    const hidden = { status: 500, body: { error: { code: "internal", message: "internal error", details: [], requestId: "r" } } };
    expect(shapeError(new AppError("internal", "cannot open /secret/path.sqlite"), "r")).toEqual(hidden);
    expect(shapeError(new Error("SQLITE_ERROR near SELECT"), "r")).toEqual(hidden);
  });
});
