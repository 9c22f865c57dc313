export { SalesforceConnector } from "./salesforce-connector.ts";
export type { SalesforceConnectorOptions } from "./salesforce-connector.ts";
export {
  SALESFORCE_API_VERSION,
  buildAuthorizationUrl,
  createSalesforceConnection,
  exchangeAuthorizationCode,
  signJwtAssertion,
} from "./connection.ts";
export type { ConnectionHooks, OAuthClient, SalesforceAuth, SalesforceTokens } from "./connection.ts";
export { DEFAULT_FIELD_MAPPING, validateFieldMapping } from "./field-mapping.ts";
export type { AccountStatusRule, SalesforceFieldMapping } from "./field-mapping.ts";
export { SalesforceCheckpointSchema, decodeCheckpoint, encodeCheckpoint } from "./checkpoint.ts";
export type { SalesforceCheckpoint } from "./checkpoint.ts";
export { toCustomFieldName } from "./ensure-fields.ts";
export { translateSalesforceError } from "./translate-error.ts";
