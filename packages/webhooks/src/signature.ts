import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Header names of every delivery. Receivers dedupe on `Mutual-Delivery-Id`. */
export const WEBHOOK_HEADERS = {
  signature: "mutual-signature",
  deliveryId: "mutual-delivery-id",
  eventId: "mutual-event-id",
  eventType: "mutual-event-type",
} as const;

/** Default accepted clock skew / replay window for receivers (5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new signing secret (`whsec_` + 32 random bytes), shown to the subscriber once. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function computeSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** `Mutual-Signature` value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signWebhookPayload(input: { secret: string; body: string | Buffer; timestamp: number }): string {
  return `t=${input.timestamp},v1=${computeSignature(input.secret, input.timestamp, input.body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: "malformed_header" | "timestamp_out_of_tolerance" | "signature_mismatch" };

/**
 * For receivers: checks a `Mutual-Signature` header against the raw body (the exact bytes received,
 * before any JSON parsing). Accepts any `v1` entry (several during secret rotation) and any of
 * `secrets`; compares in constant time; rejects timestamps outside the tolerance window to stop replays.
 */
export function verifyWebhookSignature(input: {
  body: string | Buffer;
  header: string | undefined | null;
  secret: string | readonly string[];
  toleranceSeconds?: number;
  /** Current time in unix seconds (default: now). */
  nowSeconds?: number;
}): VerifyResult {
  if (!input.header) return { ok: false, reason: "malformed_header" };
  let timestamp: number | undefined;
  const candidates: Buffer[] = [];
  for (const part of input.header.split(",")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) candidates.push(Buffer.from(value, "hex"));
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: "malformed_header" };
  const nowSeconds = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: "timestamp_out_of_tolerance" };
  }
  const secrets = typeof input.secret === "string" ? [input.secret] : input.secret;
  for (const secret of secrets) {
    const expected = Buffer.from(computeSignature(secret, timestamp, input.body), "hex");
    if (candidates.some((candidate) => timingSafeEqual(candidate, expected))) return { ok: true, timestamp };
  }
  return { ok: false, reason: "signature_mismatch" };
}
