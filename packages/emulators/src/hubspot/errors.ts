import { randomUUID } from "node:crypto";
import type { HubSpotPolicyName } from "./rate-limits.ts";

/** An HTTP answer from a route handler. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** HubSpot's standard error body (`Error` in its OpenAPI files). */
export function errorResult(
  status: number,
  category: string,
  message: string,
  extra: { subCategory?: string; context?: Record<string, string[]> } = {},
): RouteResult {
  return { status, body: { status: "error", message, correlationId: randomUUID(), category, ...extra } };
}

const POLICY_MESSAGES: Record<HubSpotPolicyName, string> = {
  TEN_SECONDLY_ROLLING: "You have reached your ten_secondly_rolling limit.",
  SECONDLY: "You have reached your secondly limit.",
  DAILY: "You have reached your daily limit.",
};

/** The 429 body HubSpot sends, with `policyName` telling which limit was hit. */
export function rateLimitResult(policyName: HubSpotPolicyName, retryAfterMs: number | undefined): RouteResult {
  return {
    status: 429,
    body: {
      status: "error",
      message: POLICY_MESSAGES[policyName],
      errorType: "RATE_LIMIT",
      correlationId: randomUUID(),
      policyName,
      groupName: policyName === "SECONDLY" ? "publicapi:search" : "publicapi",
      category: "RATE_LIMITS",
    },
    headers: retryAfterMs === undefined ? {} : { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  };
}

/** A per-record error inside a 207 batch answer (`StandardError`). */
export function recordError(category: string, message: string, ids: string[]) {
  return { status: "error", category, message, context: { ids }, errors: [], links: {} };
}
