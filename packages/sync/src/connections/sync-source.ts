import type { CrmConnector, QuotaUsage } from "@mutual/connector-kit";

/**
 * What the pipeline pulls from: the pull half of a CrmConnector plus API accounting. CRM connectors
 * are wrapped as they are; CSV files implement the same paged, checkpointed pull.
 */
export type SyncSource = Pick<CrmConnector, "provider" | "pullAccounts" | "pullOpportunities"> & {
  /** Provider API calls made so far by this source. */
  apiCalls(): number;
  /** Quota as last reported by the provider, or null when it has none. */
  usage(): Promise<QuotaUsage | null>;
};
