/** Every failure the project reports on purpose carries one of these codes. */
export type AppErrorCode =
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "auth_expired"
  | "permission_denied"
  | "invalid_data"
  | "provider_error"
  | "quota_exhausted"
  | "internal";

/** The one error type of the project; the API maps `code` to an HTTP status in one table. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  /** One human-readable line per problem, for input errors that list several. */
  readonly details: readonly string[];

  constructor(code: AppErrorCode, message: string, options: { cause?: unknown; details?: readonly string[] } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details ?? [];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * An error as one text to store or log: `code: message` for an AppError, then its first `maxDetails` details
 * one a line (a CSV with thousands of bad rows stays readable); the message alone for any other error.
 */
export function describeError(error: unknown, maxDetails = 20): string {
  if (!(error instanceof Error)) return String(error);
  if (!isAppError(error)) return error.message;
  const shown = error.details.slice(0, maxDetails).map((line) => `\n  ${line}`);
  const more = error.details.length > maxDetails ? [`\n  ... and ${error.details.length - maxDetails} more`] : [];
  return `${error.code}: ${error.message}${[...shown, ...more].join("")}`;
}
