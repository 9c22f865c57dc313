import { isAppError } from "@mutual/core";
import type { AppErrorCode } from "@mutual/core";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** THE table from error code to HTTP status. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<AppErrorCode, ContentfulStatusCode>> = {
  invalid_input: 400,
  invalid_data: 422,
  unauthorized: 401,
  auth_expired: 401,
  forbidden: 403,
  permission_denied: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  quota_exhausted: 429,
  provider_error: 502,
  internal: 500,
};

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; details: readonly string[]; requestId: string };
}

/** Status and JSON body of any thrown value; anything not an AppError is an opaque internal error. */
export function shapeError(error: unknown, requestId: string): { status: ContentfulStatusCode; body: ErrorBody } {
  if (isAppError(error)) {
    const internal = error.code === "internal";
    return {
      status: HTTP_STATUS_BY_CODE[error.code],
      body: {
        error: {
          code: error.code,
          // Internal messages may name files or SQL: never sent out.
          message: internal ? "internal error" : error.message,
          details: internal ? [] : error.details,
          requestId,
        },
      },
    };
  }
  return { status: 500, body: { error: { code: "internal", message: "internal error", details: [], requestId } } };
}
