import { describe, expect, it } from "vitest";
import { translateSalesforceError } from "./translate-error.ts";

const apiError = (errorCode: string, message: string) => Object.assign(new Error(message), { errorCode, name: errorCode });

describe("translateSalesforceError", () => {
  it.each([
    [apiError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."), "quota_exhausted", false],
    [apiError("REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded."), "rate_limited", true],
    [new Error("Unable to refresh session due to: expired access/refresh token"), "auth_expired", false],
    [apiError("INSUFFICIENT_ACCESS_OR_READONLY", "no access"), "permission_denied", false],
    [apiError("SERVER_UNAVAILABLE", "Server temporarily unavailable"), "provider_error", true],
    [apiError("UNKNOWN_EXCEPTION", "An unexpected error occurred"), "provider_error", true],
    [apiError("ERROR_HTTP_502", "<html>"), "provider_error", true],
    [Object.assign(new Error("request to http://x failed"), { code: "ECONNRESET" }), "provider_error", true],
    [apiError("MALFORMED_QUERY", "unexpected token"), "invalid_data", false],
    [apiError("INVALID_FIELD", "No such column"), "invalid_data", false],
  ])("%s -> %s (retryable %s)", (error, code, retryable) => {
    const translated = translateSalesforceError(error, "query Account");
    expect(translated).toMatchObject({ code, retryable, provider: "salesforce" });
    expect(translated.message).toMatch(/^salesforce: query Account failed: /);
    expect(translated.cause).toBe(error);
  });
});
