import type { Account, AppErrorCode, Opportunity } from "@mutual/core";

/** The two record kinds Mutual reads from and writes back to a CRM. */
export type CrmObjectType = "account" | "opportunity";

/**
 * One page of an incremental pull. `checkpoint` is opaque, JSON-safe text: persist it only after the page's
 * records and deletions are stored, and hand it back to resume. Delivery is at-least-once (a resumed pull may
 * repeat records already seen), so consumers upsert by id.
 */
export interface PullPage<T> {
  records: T[];
  /** Source ids deleted since the previous checkpoint. */
  deletedIds: string[];
  /** Source records that cannot become canonical records (e.g. an opportunity without account), with why. */
  rejected?: { id: string; reason: string }[];
  checkpoint: string;
  /** True on the last page of this pull. */
  done: boolean;
}

export interface PullOptions {
  /** Checkpoint from a previous page; absent or null means a full pull. */
  checkpoint?: string | null;
  signal?: AbortSignal;
}

/** A field as described by the CRM. */
export interface CrmField {
  /** Provider API name (`Website`, `Mutual_Overlaps__c`, `domain`). */
  name: string;
  label: string;
  type: string;
  custom: boolean;
  updateable: boolean;
}

export interface ObjectDescription {
  object: CrmObjectType;
  /** Provider object name (`Account`, `companies`). */
  providerName: string;
  fields: CrmField[];
}

export type FieldValueType = "text" | "number" | "checkbox" | "date" | "picklist" | "textarea";

/** A field Mutual needs on a CRM object; `name` is provider-neutral snake_case (`mutual_overlap_count`). */
export interface FieldSpec {
  object: CrmObjectType;
  name: string;
  label: string;
  type: FieldValueType;
  description?: string;
  /** For text fields. */
  length?: number;
  picklistValues?: string[];
}

export interface EnsureFieldsResult {
  /** Provider field names created by this call. */
  created: string[];
  /** Provider field names that already existed. */
  existing: string[];
  /** Field-access grants added by this call (e.g. permission set field permissions). */
  granted: string[];
  /** Provider API name of each spec, keyed by spec name. */
  providerNames: Record<string, string>;
}

export type FieldValue = string | number | boolean | null;

/** One record's new field values; keys are provider field names. */
export interface RecordUpdate {
  id: string;
  fields: Record<string, FieldValue>;
}

export type WriteResult =
  | { id: string; ok: true }
  | { id: string; ok: false; code: AppErrorCode; message: string };

export interface WriteSummary {
  results: WriteResult[];
  /** Provider API calls spent on the write. */
  apiCalls: number;
}

/** API allowance as last reported by the provider. */
export interface QuotaUsage {
  used: number;
  limit: number;
  /** used / limit, 0 when the limit is unknown. */
  share: number;
}

/** What every CRM connector offers Mutual; providers differ only behind this. */
export interface CrmConnector {
  readonly provider: string;
  pullAccounts(options?: PullOptions): AsyncIterable<PullPage<Account>>;
  pullOpportunities(options?: PullOptions): AsyncIterable<PullPage<Opportunity>>;
  describe(object: CrmObjectType): Promise<ObjectDescription>;
  ensureFields(specs: readonly FieldSpec[]): Promise<EnsureFieldsResult>;
  writeFields(object: CrmObjectType, updates: readonly RecordUpdate[]): Promise<WriteSummary>;
  usage(): Promise<QuotaUsage>;
}
