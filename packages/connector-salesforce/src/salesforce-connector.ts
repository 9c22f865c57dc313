import type { Connection } from "jsforce";
import { parseCsvRecords } from "./csv-rows.ts";
import type { Account, Opportunity } from "@mutual/core";
import {
  abandonOnAbort,
  ConnectorError,
  createQuotaGuard,
  sleepFor,
  sleepUnlessAborted,
  withRetry,
  type CrmConnector,
  type CrmObjectType,
  type EnsureFieldsResult,
  type FieldSpec,
  type ObjectDescription,
  type PullOptions,
  type PullPage,
  type QuotaGuard,
  type QuotaGuardOptions,
  type QuotaUsage,
  type RecordUpdate,
  type RetryOptions,
  type WriteSummary,
} from "@mutual/connector-kit";
import { SALESFORCE_API_VERSION } from "./connection.ts";
import { checkpointCondition, decodeCheckpoint, encodeCheckpoint, isAfter, toIsoTimestamp, type SalesforceCheckpoint } from "./checkpoint.ts";
import {
  accountFields,
  DEFAULT_FIELD_MAPPING,
  opportunityFields,
  toAccount,
  toOpportunity,
  validateFieldMapping,
  type FieldReader,
  type SalesforceFieldMapping,
} from "./field-mapping.ts";
import { ensureCustomFields } from "./ensure-fields.ts";
import { writeRecordFields } from "./write-back.ts";
import { translateSalesforceError } from "./translate-error.ts";

export interface SalesforceConnectorOptions {
  connection: Connection;
  mapping?: SalesforceFieldMapping;
  /** Deltas with more records than this are pulled with Bulk API 2.0 (default 10,000). */
  bulkQueryThreshold?: number;
  /** Records per Bulk API 2.0 result page (default 50,000). */
  bulkResultPageSize?: number;
  /** Writes of more records than this use Bulk API 2.0 ingest instead of sObject Collections (default 2,000). */
  bulkWriteThreshold?: number;
  bulkPollIntervalMs?: number;
  bulkPollTimeoutMs?: number;
  /** Permission set that grants the integration user access to Mutual's fields. */
  permissionSetName?: string;
  quota?: Omit<QuotaGuardOptions, "provider">;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
}

interface QueryResultPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

/** Longest a stopping pull waits for Salesforce to abort its bulk job. */
const ABORT_TIMEOUT_MS = 5_000;

const OBJECT_NAMES: Record<CrmObjectType, string> = { account: "Account", opportunity: "Opportunity" };

/** Reads dotted paths (Owner.Email) from a REST record. */
const restReader = (record: Record<string, unknown>): FieldReader => (path) => {
  let value: unknown = record;
  for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
};

/** Salesforce behind the CrmConnector interface, on jsforce. */
export class SalesforceConnector implements CrmConnector {
  readonly provider = "salesforce";
  private readonly conn: Connection;
  private readonly mapping: SalesforceFieldMapping;
  private readonly guard: QuotaGuard;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Provider API calls made by this connector (each attempt counts). */
  apiCalls = 0;

  constructor(private readonly options: SalesforceConnectorOptions) {
    this.conn = options.connection;
    this.mapping = options.mapping ?? DEFAULT_FIELD_MAPPING;
    this.sleep = options.sleep ?? sleepFor;
    this.guard = createQuotaGuard({ provider: this.provider, sleep: this.sleep, ...options.quota });
  }

  private get apiBase(): string {
    return `/services/data/v${SALESFORCE_API_VERSION}`;
  }

  /** Last usage the org reported in Sforce-Limit-Info. */
  private lastUsage(): QuotaUsage | undefined {
    const api = this.conn.limitInfo?.apiUsage;
    return api ? { used: api.used, limit: api.limit, share: api.limit > 0 ? api.used / api.limit : 0 } : undefined;
  }

  /**
   * One provider call: quota guard first, then retries of transient failures, errors translated. `signal`
   * (a pull's) ends a backoff wait, a quota slowdown or pause, or a request in flight (abandoned: jsforce
   * takes no signal) at once.
   */
  async call<T>(action: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRetry(
      async () => {
        // The usage re-read near the threshold is a read like any other: a stop abandons it too.
        await this.guard.beforeCall(this.lastUsage(), () => abandonOnAbort(this.fetchUsage(), signal), signal);
        this.apiCalls++;
        try {
          return await abandonOnAbort(fn(), signal);
        } catch (error) {
          // Stopped while the call was in flight: the stop's reason, not a provider error to retry.
          if (signal?.aborted && error === signal.reason) throw error;
          throw translateSalesforceError(error, action);
        }
      },
      { sleep: this.sleep, ...this.options.retry, signal },
    );
  }

  private async fetchUsage(): Promise<QuotaUsage> {
    this.apiCalls++;
    try {
      const limits = (await this.conn.request(`${this.apiBase}/limits`)) as { DailyApiRequests?: { Max: number; Remaining: number } };
      const max = limits.DailyApiRequests?.Max ?? 0;
      const used = max - (limits.DailyApiRequests?.Remaining ?? 0);
      return { used, limit: max, share: max > 0 ? used / max : 0 };
    } catch (error) {
      throw translateSalesforceError(error, "read /limits");
    }
  }

  async usage(): Promise<QuotaUsage> {
    return withRetry(() => this.fetchUsage(), { sleep: this.sleep, ...this.options.retry });
  }

  pullAccounts(options: PullOptions = {}): AsyncIterable<PullPage<Account>> {
    return this.pull("Account", accountFields(this.mapping), options, (read) => toAccount(read, this.mapping));
  }

  pullOpportunities(options: PullOptions = {}): AsyncIterable<PullPage<Opportunity>> {
    return this.pull("Opportunity", opportunityFields(this.mapping), options, (read) => toOpportunity(read, this.mapping, toIsoTimestamp));
  }

  /**
   * Incremental pull in (SystemModstamp, Id) order via queryAll (so deletions come with IsDeleted). Small
   * deltas page through nextRecordsUrl, each page advancing the checkpoint; large ones switch to a Bulk API
   * 2.0 queryAll job whose checkpoint advances once, on the last page (Bulk results are unordered).
   */
  private async *pull<T>(
    object: string,
    fields: string[],
    options: PullOptions,
    convert: (read: FieldReader) => T | { rejected: string },
  ): AsyncGenerator<PullPage<T>> {
    const start = decodeCheckpoint(options.checkpoint);
    const where = checkpointCondition(start);
    const select = `SELECT ${fields.join(", ")} FROM ${object}${where ? ` ${where}` : ""}`;
    // autoFetch stays off: jsforce's autoFetch stops silently at maxFetch (10,000 by default).
    const signal = options.signal;
    let page = (await this.call(
      `query ${object}`,
      () => this.conn.query(`${select} ORDER BY SystemModstamp, Id`, { scanAll: true, autoFetch: false }).then((r) => r as unknown as QueryResultPage),
      signal,
    )) as QueryResultPage;
    if (!page.done && page.totalSize > (this.options.bulkQueryThreshold ?? 10_000)) {
      yield* this.pullBulk(object, select, start, convert, signal);
      return;
    }
    let checkpoint = start;
    for (;;) {
      options.signal?.throwIfAborted();
      const out: PullPage<T> = { records: [], deletedIds: [], rejected: [], checkpoint: "", done: page.done };
      for (const record of page.records) {
        const read = restReader(record);
        const position: SalesforceCheckpoint = { v: 1, stamp: toIsoTimestamp(String(read("SystemModstamp"))), id: String(read("Id")) };
        // SOQL datetimes have second precision; never re-deliver what the checkpoint already covers.
        if (!isAfter(position.stamp, position.id, start)) continue;
        this.collect(read, convert, out);
        checkpoint = position;
      }
      out.checkpoint = encodeCheckpoint(checkpoint);
      yield out;
      if (page.done || !page.nextRecordsUrl) return;
      const next = page.nextRecordsUrl;
      page = (await this.call(`query more ${object}`, () => this.conn.request(next) as Promise<QueryResultPage>, signal)) as QueryResultPage;
    }
  }

  private collect<T>(read: FieldReader, convert: (read: FieldReader) => T | { rejected: string }, out: PullPage<T>): void {
    const id = String(read("Id"));
    if (read("IsDeleted") === true || read("IsDeleted") === "true") {
      out.deletedIds.push(id);
      return;
    }
    const converted = convert(read);
    if (converted && typeof converted === "object" && "rejected" in converted) out.rejected?.push({ id, reason: converted.rejected });
    else out.records.push(converted as T);
  }

  private async *pullBulk<T>(
    object: string,
    select: string,
    start: SalesforceCheckpoint | null,
    convert: (read: FieldReader) => T | { rejected: string },
    signal: AbortSignal | undefined,
  ): AsyncGenerator<PullPage<T>> {
    const job = (await this.call(
      `bulk query ${object}`,
      () =>
        this.conn.request({
          method: "POST",
          url: `${this.apiBase}/jobs/query`,
          body: JSON.stringify({ operation: "queryAll", query: select }),
          headers: { "Content-Type": "application/json" },
        }),
      signal,
    )) as { id: string };
    try {
      await this.waitForJob("query", job.id, signal);
    } catch (error) {
      // Stopped while Salesforce still runs the job: abort it there too (a resume starts a new one).
      if (signal?.aborted) await this.abortQueryJob(job.id);
      throw error;
    }
    let locator: string | undefined;
    let max = start;
    do {
      signal?.throwIfAborted();
      const { csv, next } = await this.call(`bulk query results ${object}`, () => this.fetchResultPage(job.id, locator), signal);
      locator = next;
      const rows = parseCsvRecords(csv);
      const out: PullPage<T> = { records: [], deletedIds: [], rejected: [], checkpoint: encodeCheckpoint(start), done: false };
      for (const row of rows) {
        const read: FieldReader = (path) => (row[path] === "" ? null : row[path]);
        this.collect(read, convert, out);
        const stamp = toIsoTimestamp(row.SystemModstamp ?? "");
        const id = row.Id ?? "";
        if (isAfter(stamp, id, max)) max = { v: 1, stamp, id };
      }
      if (locator === "null") {
        out.done = true;
        out.checkpoint = encodeCheckpoint(max);
      }
      yield out;
    } while (locator !== "null");
  }

  /**
   * Aborts a bulk query job a stopped pull leaves behind, so it does not run on in the org. Best effort, one
   * attempt of at most ABORT_TIMEOUT_MS: the job may have just completed (Salesforce answers 409), and the
   * stop must not wait on an unreachable org.
   */
  private async abortQueryJob(jobId: string): Promise<void> {
    this.apiCalls++;
    // Settles quietly, also after the timeout has won the race: nothing left to stop (409), or no way to
    // reach the org, and the job then expires on its own.
    const request = Promise.resolve(
      this.conn.request({
        method: "PATCH",
        url: `${this.apiBase}/jobs/query/${jobId}`,
        body: JSON.stringify({ state: "Aborted" }),
        headers: { "Content-Type": "application/json" },
      }),
    ).then(
      () => {},
      () => {},
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ABORT_TIMEOUT_MS);
      timer.unref();
    });
    await Promise.race([request, timeout]);
    clearTimeout(timer);
  }

  /**
   * One Bulk 2.0 result page as raw CSV plus the next Sforce-Locator. Fetched page by page ourselves:
   * jsforce's bulk2.query() pipes every page into one stream and breaks on multi-page results.
   */
  private async fetchResultPage(jobId: string, locator: string | undefined): Promise<{ csv: string; next: string }> {
    const job = this.conn.bulk2.job("query", { id: jobId }) as unknown as {
      createQueryRequest(request: { method: string; path: string; headers: Record<string, string>; responseType: string }): Promise<string>;
      locator?: string;
    };
    const size = this.options.bulkResultPageSize ?? 50_000;
    const csv = await job.createQueryRequest({
      method: "GET",
      path: `/${jobId}/results?maxRecords=${size}${locator ? `&locator=${encodeURIComponent(locator)}` : ""}`,
      headers: { Accept: "text/csv" },
      responseType: "text/plain",
    });
    return { csv, next: job.locator ?? "null" };
  }

  /**
   * Polls a Bulk 2.0 job until it completes; a failed or aborted job is a provider error. `signal` stops the
   * polling (a big job runs for minutes) with the signal's reason.
   */
  async waitForJob(kind: "query" | "ingest", jobId: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const interval = this.options.bulkPollIntervalMs ?? 1000;
    const deadline = Date.now() + (this.options.bulkPollTimeoutMs ?? 600_000);
    for (;;) {
      signal?.throwIfAborted();
      const info = (await this.call(`bulk ${kind} status`, () => this.conn.request(`${this.apiBase}/jobs/${kind}/${jobId}`), signal)) as Record<string, unknown>;
      if (info.state === "JobComplete") return info;
      if (info.state === "Failed" || info.state === "Aborted") {
        throw new ConnectorError("provider_error", `salesforce: bulk ${kind} job ${jobId} ended ${String(info.state)}: ${String(info.errorMessage ?? "")}`, { provider: this.provider, retryable: false });
      }
      if (Date.now() > deadline) {
        throw new ConnectorError("provider_error", `salesforce: bulk ${kind} job ${jobId} still ${String(info.state)} after polling timeout`, { provider: this.provider, retryable: false });
      }
      await sleepUnlessAborted(this.sleep, interval, signal);
    }
  }

  async describe(object: CrmObjectType): Promise<ObjectDescription> {
    const name = OBJECT_NAMES[object];
    const result = (await this.call(`describe ${name}`, () => this.conn.request(`${this.apiBase}/sobjects/${name}/describe`))) as {
      fields: { name: string; label: string; type: string; custom: boolean; updateable: boolean }[];
    };
    return {
      object,
      providerName: name,
      fields: result.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, custom: f.custom, updateable: f.updateable })),
    };
  }

  /** Checks the field mapping against describe (two API calls); throws one invalid_input listing every gap. */
  async validateMapping(): Promise<void> {
    validateFieldMapping(this.mapping, await this.describe("account"), await this.describe("opportunity"));
  }

  ensureFields(specs: readonly FieldSpec[]): Promise<EnsureFieldsResult> {
    return ensureCustomFields(this.conn, specs, {
      call: (action, fn) => this.call(action, fn),
      permissionSetName: this.options.permissionSetName ?? "Mutual_Integration",
      apiBase: this.apiBase,
    });
  }

  async writeFields(object: CrmObjectType, updates: readonly RecordUpdate[]): Promise<WriteSummary> {
    const before = this.apiCalls;
    const results = await writeRecordFields(this.conn, OBJECT_NAMES[object], updates, {
      call: (action, fn) => this.call(action, fn),
      bulkThreshold: this.options.bulkWriteThreshold ?? 2000,
      apiBase: this.apiBase,
      waitForJob: (id) => this.waitForJob("ingest", id),
    });
    return { results, apiCalls: this.apiCalls - before };
  }
}
