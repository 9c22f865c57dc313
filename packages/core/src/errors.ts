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
