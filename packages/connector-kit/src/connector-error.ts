import { AppError, type AppErrorCode } from "@mutual/core";

export type ConnectorErrorCode = Extract<
  AppErrorCode,
  "rate_limited" | "auth_expired" | "permission_denied" | "invalid_data" | "provider_error" | "quota_exhausted"
>;

/** An AppError raised at a connector's edge, with what a retry loop needs to know. */
export class ConnectorError extends AppError {
  readonly provider: string;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** Server-requested wait (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ConnectorErrorCode,
    message: string,
    options: { provider: string; retryable?: boolean; retryAfterMs?: number; cause?: unknown; details?: string[] },
  ) {
    super(code, message, { cause: options.cause, details: options.details });
    this.name = "ConnectorError";
    this.provider = options.provider;
    this.retryable = options.retryable ?? (code === "rate_limited" || code === "provider_error");
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/** Maps an HTTP status to the project's code: 401 auth, 403 permission, 429 rate, 4xx data, 5xx provider. */
export function codeForHttpStatus(status: number): ConnectorErrorCode {
  if (status === 401) return "auth_expired";
  if (status === 403) return "permission_denied";
  if (status === 429) return "rate_limited";
  if (status >= 400 && status < 500) return "invalid_data";
  return "provider_error";
}

/** Network failures worth retrying (connection reset/refused, timeouts, sockets closed mid-response). */
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/** Finds a Node/undici network error code anywhere in an error's cause chain. */
export function findNetworkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_NETWORK_CODES.has(code)) return code;
    const message = current instanceof Error ? current.message : "";
    if (/socket hang up|other side closed|terminated|fetch failed|ECONNRESET/i.test(message)) return "ECONNRESET";
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Parses a Retry-After header (delta-seconds or HTTP-date) into ms from `nowMs`; undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
