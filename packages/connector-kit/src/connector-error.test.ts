import { describe, expect, it } from "vitest";
import { codeForHttpStatus, ConnectorError, findNetworkErrorCode, parseRetryAfter } from "./connector-error.ts";

describe("codeForHttpStatus", () => {
  it.each([
    [401, "auth_expired"],
    [403, "permission_denied"],
    [429, "rate_limited"],
    [400, "invalid_data"],
    [404, "invalid_data"],
    [500, "provider_error"],
    [503, "provider_error"],
  ])("%i -> %s", (status, code) => expect(codeForHttpStatus(status)).toBe(code));
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-20T12:00:00Z");
  it.each([
    ["120", 120_000],
    ["0.5", 500],
    ["Fri, 20 Nov 2026 12:00:30 GMT", 30_000],
    ["Fri, 20 Nov 2026 11:00:00 GMT", 0],
    ["soon", undefined],
    [undefined, undefined],
  ])("%s -> %s ms", (value, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
});

describe("ConnectorError", () => {
  it("is retryable by default only for rate limits and provider errors", () => {
    expect(new ConnectorError("rate_limited", "x", { provider: "p" }).retryable).toBe(true);
    expect(new ConnectorError("provider_error", "x", { provider: "p" }).retryable).toBe(true);
    expect(new ConnectorError("invalid_data", "x", { provider: "p" }).retryable).toBe(false);
    expect(new ConnectorError("quota_exhausted", "x", { provider: "p" }).retryable).toBe(false);
  });
});

describe("findNetworkErrorCode", () => {
  it("finds codes and socket messages in the cause chain", () => {
    expect(findNetworkErrorCode(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }))).toBe("ECONNRESET");
    expect(findNetworkErrorCode(new Error("socket hang up"))).toBe("ECONNRESET");
    expect(findNetworkErrorCode(new Error("MALFORMED_QUERY"))).toBeUndefined();
  });
});
