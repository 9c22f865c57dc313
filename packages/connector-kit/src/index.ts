export type {
  CrmConnector,
  CrmObjectType,
  CrmField,
  EnsureFieldsResult,
  FieldSpec,
  FieldValue,
  FieldValueType,
  ObjectDescription,
  PullOptions,
  PullPage,
  QuotaUsage,
  RecordUpdate,
  WriteResult,
  WriteSummary,
} from "./crm-connector.ts";
export {
  ConnectorError,
  isConnectorError,
  codeForHttpStatus,
  findNetworkErrorCode,
  parseRetryAfter,
} from "./connector-error.ts";
export type { ConnectorErrorCode } from "./connector-error.ts";
export { withRetry, computeRetryDelay, sleepFor, sleepUnlessAborted, abandonOnAbort } from "./with-retry.ts";
export type { RetryOptions } from "./with-retry.ts";
export { createQuotaGuard, describeUsage } from "./quota-guard.ts";
export type { QuotaGuard, QuotaGuardOptions, QuotaEvent } from "./quota-guard.ts";
