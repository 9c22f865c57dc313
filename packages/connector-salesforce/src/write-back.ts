import type { Connection } from "jsforce";
import { parseCsvRecords } from "./csv-rows.ts";
import { stringify } from "csv-stringify/sync";
import type { AppErrorCode } from "@mutual/core";
import type { FieldValue, RecordUpdate, WriteResult } from "@mutual/connector-kit";

type Call = <T>(action: string, fn: () => Promise<T>) => Promise<T>;

export interface WriteDeps {
  call: Call;
  bulkThreshold: number;
  apiBase: string;
  waitForJob: (jobId: string) => Promise<Record<string, unknown>>;
}

const COLLECTION_SIZE = 200;
/** Rows per ingest job; keeps each upload far below the 150 MB request limit. */
const MAX_ROWS_PER_JOB = 100_000;
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Per-record Salesforce status code to the project's code. */
export function codeForRecordError(statusCode: string): AppErrorCode {
  if (/^INSUFFICIENT_ACCESS|CANNOT_UPDATE_CONVERTED/.test(statusCode)) return "permission_denied";
  if (/UNABLE_TO_LOCK_ROW|UNKNOWN_EXCEPTION/.test(statusCode)) return "provider_error";
  return "invalid_data";
}

/** Bulk CSV text for a value; "#N/A" clears a field (an empty cell would leave it unchanged). */
function toCsvCell(value: FieldValue): string {
  if (value === null) return "#N/A";
  return typeof value === "boolean" ? String(value) : String(value);
}

/**
 * Writes field values: sObject Collections (200 per call) for small batches, Bulk API 2.0 ingest above the
 * threshold. Every input id gets exactly one result; nothing is dropped silently.
 */
export async function writeRecordFields(conn: Connection, object: string, updates: readonly RecordUpdate[], deps: WriteDeps): Promise<WriteResult[]> {
  const results = new Map<string, WriteResult>();
  const valid: RecordUpdate[] = [];
  for (const update of updates) {
    if (!ID_PATTERN.test(update.id)) results.set(update.id, { id: update.id, ok: false, code: "invalid_data", message: "not a Salesforce record id" });
    else if (Object.keys(update.fields).length === 0) results.set(update.id, { id: update.id, ok: false, code: "invalid_data", message: "no fields to write" });
    else valid.push(update);
  }
  if (valid.length > deps.bulkThreshold) {
    for (let i = 0; i < valid.length; i += MAX_ROWS_PER_JOB) {
      for (const r of await writeWithBulk(conn, object, valid.slice(i, i + MAX_ROWS_PER_JOB), deps)) results.set(r.id, r);
    }
  } else {
    for (let i = 0; i < valid.length; i += COLLECTION_SIZE) {
      for (const r of await writeWithCollections(conn, object, valid.slice(i, i + COLLECTION_SIZE), deps)) results.set(r.id, r);
    }
  }
  return updates.map((u) => results.get(u.id) ?? { id: u.id, ok: false, code: "provider_error", message: "no result returned for this record" });
}

type CollectionResult = { id?: string; success: boolean; errors: { statusCode?: string; errorCode?: string; message: string }[] };

async function writeWithCollections(conn: Connection, object: string, chunk: RecordUpdate[], deps: WriteDeps): Promise<WriteResult[]> {
  const records = chunk.map((u) => ({ ...u.fields, Id: u.id }));
  const saved = (await deps.call(`update ${chunk.length} ${object} records`, () =>
    conn.sobject(object).update(records as never[], { allOrNone: false }) as Promise<unknown>,
  )) as CollectionResult[];
  // Results come back in request order.
  return chunk.map((u, i) => {
    const r = saved[i];
    if (r?.success) return { id: u.id, ok: true };
    const error = r?.errors[0];
    const status = error?.statusCode ?? error?.errorCode ?? "UNKNOWN";
    return { id: u.id, ok: false, code: codeForRecordError(status), message: `${status}: ${error?.message ?? "no result"}` };
  });
}

async function writeWithBulk(conn: Connection, object: string, chunk: RecordUpdate[], deps: WriteDeps): Promise<WriteResult[]> {
  const columns = [...new Set(chunk.flatMap((u) => Object.keys(u.fields)))].filter((c) => c !== "Id");
  const rows = chunk.map((u) => [u.id, ...columns.map((c) => (c in u.fields ? toCsvCell(u.fields[c] as FieldValue) : ""))]);
  const csv = stringify([["Id", ...columns], ...rows]);
  const job = (await deps.call(`bulk ingest ${object}`, () =>
    conn.request({
      method: "POST",
      url: `${deps.apiBase}/jobs/ingest`,
      body: JSON.stringify({ object, operation: "update", contentType: "CSV", lineEnding: "LF" }),
      headers: { "Content-Type": "application/json" },
    }),
  )) as { id: string };
  const jobUrl = `${deps.apiBase}/jobs/ingest/${job.id}`;
  // jsforce retries a PUT after a connection reset by re-sending its already-consumed body stream, which
  // hangs forever; its retry is switched off here and withRetry re-sends the CSV instead.
  const uploadOptions = { responseType: "text/plain", retry: { maxRetries: 0 } } as { responseType: string };
  await deps.call("bulk ingest upload", () => conn.request({ method: "PUT", url: `${jobUrl}/batches`, body: csv, headers: { "Content-Type": "text/csv" } }, uploadOptions));
  await deps.call("bulk ingest close", () =>
    conn.request({ method: "PATCH", url: jobUrl, body: JSON.stringify({ state: "UploadComplete" }), headers: { "Content-Type": "application/json" } }),
  );
  const info = await deps.waitForJob(job.id);
  const results = new Map<string, WriteResult>();
  if (Number(info.numberRecordsFailed ?? 0) > 0) {
    const failedCsv = (await deps.call("bulk ingest failed results", () => conn.request(`${jobUrl}/failedResults`, { responseType: "text/plain" }))) as string;
    for (const row of parseCsvRecords(failedCsv)) {
      const id = row.Id ?? row.sf__Id ?? "";
      const [status = "UNKNOWN", ...rest] = (row.sf__Error ?? "").split(":");
      results.set(id, { id, ok: false, code: codeForRecordError(status), message: `${status}: ${rest.join(":").replace(/:$/, "")}` });
    }
  }
  const processed = Number(info.numberRecordsProcessed ?? 0);
  if (processed < chunk.length) {
    // Some rows were never processed: report exactly which, rather than assume success.
    const unprocessedCsv = (await deps.call("bulk ingest unprocessed", () => conn.request(`${jobUrl}/unprocessedrecords`, { responseType: "text/plain" }))) as string;
    for (const row of parseCsvRecords(unprocessedCsv)) {
      const id = row.Id ?? "";
      results.set(id, { id, ok: false, code: "provider_error", message: "not processed by the bulk job; retry" });
    }
  }
  return chunk.map((u) => results.get(u.id) ?? results.get(u.id.slice(0, 15)) ?? { id: u.id, ok: true });
}
