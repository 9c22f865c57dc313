export {
  WEBHOOK_HEADERS,
  DEFAULT_TOLERANCE_SECONDS,
  generateWebhookSecret,
  signWebhookPayload,
  verifyWebhookSignature,
} from "./signature.ts";
export type { VerifyResult } from "./signature.ts";
export { createWebhookDeliverer, buildWebhookBody } from "./webhook-deliverer.ts";
export type { WebhookDeliverer, WebhookDelivererOptions, WebhookLogger, WebhookSubscription } from "./webhook-deliverer.ts";
export { describeBlockedAddress, resolveHostWithDns } from "./network-guard.ts";
export type { ResolveHost, ResolvedAddress } from "./network-guard.ts";
