import { ConnectorError, codeForHttpStatus, findNetworkErrorCode, isConnectorError, parseRetryAfter } from "@mutual/connector-kit";

/** What `@hubspot/api-client` throws for a non-2xx answer (ApiException). */
interface SdkApiException {
  code: number;
  body?: { message?: string; category?: string } | string;
  headers?: Record<string, string>;
}

function isSdkApiException(error: unknown): error is SdkApiException {
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "number";
}

/** Default waits when a 429 names no Retry-After: the window of the limit that was hit. */
const POLICY_WAIT_MS = { secondly: 1_000, tenSecondly: 10_000 };

/**
 * Turns an SDK or network failure into the project's ConnectorError. The SDK deserializes error bodies into
 * its `Error` model, which drops `policyName`, so the limit is recognised from the message instead.
 */
export function translateHubSpotError(error: unknown, nowMs: number): ConnectorError {
  if (isConnectorError(error)) return error;
  if (isSdkApiException(error)) {
    const body = typeof error.body === "object" && error.body ? error.body : {};
    const message = body.message ?? (typeof error.body === "string" ? error.body : "HubSpot request failed");
    const headers = error.headers ?? {};
    if (error.code === 429) {
      if (/daily/i.test(message)) {
        return new ConnectorError("quota_exhausted", `HubSpot daily limit reached: ${message}`, {
          provider: "hubspot",
          retryable: false,
          cause: error,
        });
      }
      const told = parseRetryAfter(headers["retry-after"], nowMs);
      const fallback = /secondly limit/i.test(message) ? POLICY_WAIT_MS.secondly : POLICY_WAIT_MS.tenSecondly;
      return new ConnectorError("rate_limited", `HubSpot rate limit: ${message}`, {
        provider: "hubspot",
        retryAfterMs: told ?? fallback,
        cause: error,
      });
    }
    return new ConnectorError(codeForHttpStatus(error.code), `HubSpot ${error.code}: ${message}`, {
      provider: "hubspot",
      cause: error,
      details: body.category ? [`category ${body.category}`] : [],
    });
  }
  if (findNetworkErrorCode(error)) {
    return new ConnectorError("provider_error", `HubSpot connection failed: ${String(error)}`, {
      provider: "hubspot",
      retryable: true,
      cause: error,
    });
  }
  return new ConnectorError("provider_error", `HubSpot call failed: ${String(error)}`, {
    provider: "hubspot",
    retryable: false,
    cause: error,
  });
}
