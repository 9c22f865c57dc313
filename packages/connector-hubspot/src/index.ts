export { createHubSpotConnector, HUBSPOT_TIER_LIMITS } from "./connector.ts";
export type { HubSpotConnector, HubSpotConnectorOptions } from "./connector.ts";
export { exchangeAuthorizationCode, refreshAccessToken } from "./auth.ts";
export type { HubSpotAuth, HubSpotTokens, OAuthAppConfig } from "./auth.ts";
export { DEFAULT_MAPPING } from "./mapping.ts";
export type { HubSpotFieldMapping } from "./mapping.ts";
export { HubSpotRateLimiter } from "./rate-limiter.ts";
export type { HubSpotLimits, CallKind } from "./rate-limiter.ts";
export { translateHubSpotError } from "./translate-error.ts";
