import { ConnectorError, findNetworkErrorCode, isConnectorError } from "@mutual/connector-kit";

const PROVIDER = "salesforce";

const PERMISSION_CODES = new Set(["INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY", "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", "API_DISABLED_FOR_ORG", "FUNCTIONALITY_NOT_ENABLED"]);
const PROVIDER_CODES = new Set(["SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION", "UNABLE_TO_LOCK_ROW", "QUERY_TIMEOUT", "ERROR_HTTP_500", "ERROR_HTTP_502", "ERROR_HTTP_503", "ERROR_HTTP_504"]);

/**
 * Turns whatever jsforce threw into a ConnectorError with the project's code. Concurrency limits and
 * transient server/network failures are retryable; the daily limit is not (the sync must stop and resume).
 */
export function translateSalesforceError(error: unknown, action: string): ConnectorError {
  if (isConnectorError(error)) return error;
  const errorCode = String((error as { errorCode?: unknown })?.errorCode ?? (error as { name?: unknown })?.name ?? "");
  const message = error instanceof Error ? error.message : String(error);
  const fail = (code: ConstructorParameters<typeof ConnectorError>[0], text: string, retryable?: boolean) =>
    new ConnectorError(code, `salesforce: ${action} failed: ${text}`, { provider: PROVIDER, cause: error, retryable });

  if (errorCode === "REQUEST_LIMIT_EXCEEDED") {
    return /Concurrent/i.test(message)
      ? fail("rate_limited", `too many concurrent requests (${message})`, true)
      : fail("quota_exhausted", `the org's daily API limit is exhausted (${message}); resume from the last checkpoint later`, false);
  }
  if (errorCode === "INVALID_SESSION_ID" || /Unable to refresh session|invalid_grant|expired access\/refresh token|authentication failure/i.test(message)) {
    return fail("auth_expired", `the Salesforce session could not be renewed; reconnect the org (${message})`, false);
  }
  if (PERMISSION_CODES.has(errorCode)) return fail("permission_denied", message, false);
  if (PROVIDER_CODES.has(errorCode) || /^ERROR_HTTP_5/.test(errorCode)) return fail("provider_error", `${errorCode}: ${message}`, true);
  const network = findNetworkErrorCode(error);
  if (network) return fail("provider_error", `network error ${network}: ${message}`, true);
  // jsforce aborts a request at its timeout with an AbortError (its message claims "10 minutes" whatever the value).
  if ((error as { name?: string } | undefined)?.name === "AbortError") {
    return fail("provider_error", "no answer before the request timeout", true);
  }
  if (errorCode && /^[A-Z_]+$/.test(errorCode)) return fail("invalid_data", `${errorCode}: ${message}`, false);
  return fail("provider_error", message, false);
}
