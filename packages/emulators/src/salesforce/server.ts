import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createCredentials, OAuthError, TokenService, type SalesforceCredentials } from "./auth.ts";
import { BulkJobs, type JobState } from "./bulk.ts";
import { formatId, KEY_PREFIXES } from "./ids.ts";
import { SalesforceOrg, SfError, type RecordFailureRule, type SfRecord } from "./org.ts";

export type SalesforceFault =
  /** Revokes every access token, so the request gets 401 INVALID_SESSION_ID. */
  | { kind: "expire_session" }
  /** 403 REQUEST_LIMIT_EXCEEDED. */
  | { kind: "request_limit" }
  | { kind: "server_error"; status?: 500 | 503; retryAfterSeconds?: number }
  | { kind: "slow"; delayMs: number }
  /** Closes the connection without a response. */
  | { kind: "drop" };

export interface FaultRule {
  fault: SalesforceFault;
  /** Tested against "METHOD /path?query"; all API requests when absent. */
  match?: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Matching requests to let through before the first hit (default 0). */
  after?: number;
}

export interface SalesforceEmulatorOptions {
  port?: number;
  seed?: number;
  accounts?: number;
  opportunities?: number;
  /** Daily API request allowance (default 1,000,000). */
  dailyApiLimit?: number;
  /** Concurrent API requests allowed before REQUEST_LIMIT_EXCEEDED (default 25). */
  maxConcurrent?: number;
  tokenTtlMs?: number;
  /** Refresh grants return a new refresh token and revoke the old one (default true). */
  rotateRefreshTokens?: boolean;
  now?: () => number;
  /** REST query page size when the client asks for none (default 2000). */
  queryBatchSize?: number;
  bulkProcessingDelayMs?: number;
  /** Largest Bulk 2.0 query result page (default 50,000 records). */
  bulkResultPageSize?: number;
  credentials?: Partial<SalesforceCredentials>;
}

export interface SalesforceEmulator {
  /** Login and instance URL (http://127.0.0.1:port). */
  readonly url: string;
  readonly credentials: SalesforceCredentials;
  readonly org: SalesforceOrg;
  apiUsage(): { used: number; limit: number };
  setApiUsage(used: number): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Makes matching record writes fail with a per-record error. */
  failRecords(rule: RecordFailureRule): void;
  expireAllSessions(): void;
  /** The Bulk API 2.0 jobs not deleted, oldest first, with their state. */
  bulkJobs(): { id: string; kind: "ingest" | "query"; state: JobState }[];
  /** What /services/oauth2/authorize would redirect with after consent. */
  issueAuthorizationCode(redirectUri: string): string;
  close(): Promise<void>;
}

const API_VERSIONS = ["58.0", "59.0", "60.0", "61.0", "62.0", "63.0"];

interface Cursor {
  object: string;
  fields: string[];
  rows: SfRecord[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text || "{}") as Record<string, unknown>;
  } catch {
    throw new SfError(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
  }
}

/** Starts a loopback server speaking the Salesforce REST, Tooling and Bulk API 2.0 wire protocols. */
export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const now = options.now ?? Date.now;
  const credentials: SalesforceCredentials = { ...createCredentials(options.seed ?? 1), ...options.credentials };
  const org = new SalesforceOrg({
    seed: options.seed,
    accounts: options.accounts,
    opportunities: options.opportunities,
    now,
    username: credentials.username,
  });
  let baseUrl = "";
  const tokens = new TokenService(credentials, {
    now,
    tokenTtlMs: options.tokenTtlMs ?? 2 * 3600_000,
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
    loginUrl: () => baseUrl,
  });
  const bulk = new BulkJobs(org, {
    processingDelayMs: options.bulkProcessingDelayMs ?? 10,
    resultPageSize: options.bulkResultPageSize ?? 50_000,
    userId: org.integrationUserId,
  });
  const dailyLimit = options.dailyApiLimit ?? 1_000_000;
  const maxConcurrent = options.maxConcurrent ?? 25;
  const batchSize = options.queryBatchSize ?? 2000;
  let apiUsed = 0;
  let inFlight = 0;
  const faults: (FaultRule & { seen: number; hits: number })[] = [];
  const cursors = new Map<string, Cursor>();
  let cursorSequence = 0;

  const limitHeader = () => ({ "Sforce-Limit-Info": `api-usage=${apiUsed}/${dailyLimit}` });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (status === 204) {
      res.writeHead(204, headers).end();
      return;
    }
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const type = typeof body === "string" ? "text/csv; charset=UTF-8" : "application/json;charset=UTF-8";
    res.writeHead(status, { "Content-Type": type, ...headers }).end(text);
  }

  function takeFault(signature: string): SalesforceFault | undefined {
    for (const rule of faults) {
      if (rule.match && !rule.match.test(signature)) continue;
      if (rule.hits >= (rule.times ?? 1)) continue;
      rule.seen++;
      if (rule.seen <= (rule.after ?? 0)) continue;
      rule.hits++;
      return rule.fault;
    }
    return undefined;
  }

  function queryPage(version: string, locatorId: string, start: number, size: number) {
    const cursor = cursors.get(locatorId);
    if (!cursor) throw new SfError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    const end = Math.min(cursor.rows.length, start + size);
    const records = cursor.rows.slice(start, end).map((r) => org.toRest(cursor.object, r, cursor.fields));
    const done = end >= cursor.rows.length;
    if (done) cursors.delete(locatorId);
    return {
      totalSize: cursor.rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locatorId}-${end}` }),
      records,
    };
  }

  function runQuery(version: string, soql: string, includeDeleted: boolean, size: number) {
    const { query, rows } = org.query(soql, includeDeleted);
    if (query.count) return { totalSize: rows.length, done: true, records: [] };
    const locatorId = formatId(KEY_PREFIXES.QueryLocator as string, ++cursorSequence);
    cursors.set(locatorId, { object: query.object, fields: query.fields, rows });
    return queryPage(version, locatorId, 0, size);
  }

  function saveMany(method: string, body: Record<string, unknown>) {
    const records = Array.isArray(body.records) ? (body.records as SfRecord[]) : [];
    if (records.length > 200) throw new SfError(400, "EXCEEDED_ID_LIMIT", "Number of records in the collection exceeds the limit of 200");
    const allOrNone = body.allOrNone === true;
    const snapshots: { object: string; id: string; copy: SfRecord }[] = [];
    const results = records.map((record) => {
      const type = (record.attributes as { type?: string } | undefined)?.type;
      try {
        if (!type) throw new SfError(400, "INVALID_TYPE", "Must specify a type in the attributes");
        if (method === "POST") return { id: org.create(type, record), success: true, errors: [] };
        // Field names are case-insensitive (jsforce sends "id").
        const id = String(Object.entries(record).find(([key]) => key.toLowerCase() === "id")?.[1] ?? "");
        if (!id) throw new SfError(400, "MISSING_ARGUMENT", "Id not specified in an update call", ["Id"]);
        const existing = org.get(type, id);
        if (existing) snapshots.push({ object: type, id, copy: { ...existing } });
        org.update(type, id, record);
        return { id: existing?.Id ?? id, success: true, errors: [] };
      } catch (error) {
        if (!(error instanceof SfError)) throw error;
        return { id: Object.entries(record).find(([key]) => key.toLowerCase() === "id")?.[1] ?? null, success: false, errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields }] };
      }
    });
    if (allOrNone && results.some((r) => !r.success)) {
      for (const s of snapshots) Object.assign(org.get(s.object, s.id) ?? {}, s.copy);
      return results.map((r) =>
        r.success ? { id: r.id, success: false, errors: [{ statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK", message: "Record rolled back because not all records were valid and the request was using AllOrNone header", fields: [] }] } : r,
      );
    }
    return results;
  }

  function describe(object: string) {
    const fields = org.visibleFields(object).map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      custom: f.custom,
      createable: f.createable,
      updateable: f.updateable,
      nillable: f.nillable,
      length: f.length,
      referenceTo: f.referenceTo,
      relationshipName: f.relationshipName,
      picklistValues: f.picklistValues.map((value) => ({ active: true, defaultValue: false, label: value, value })),
    }));
    return {
      name: object,
      label: object,
      keyPrefix: KEY_PREFIXES[object],
      custom: false,
      queryable: true,
      createable: true,
      updateable: true,
      deletable: true,
      fields,
      urls: { sobject: `/services/data/v62.0/sobjects/${object}`, describe: `/services/data/v62.0/sobjects/${object}/describe` },
    };
  }

  /** Routes one authenticated API request below /services/data/vNN.N. */
  async function route(req: IncomingMessage, version: string, path: string, url: URL): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const method = req.method ?? "GET";
    const parts = path.split("/").filter(Boolean);
    const body = method === "GET" || method === "DELETE" ? "" : await readBody(req);
    const [head, a, b, c] = parts;
    if (parts.length === 0 && method === "GET") {
      const root = `/services/data/v${version}`;
      return {
        status: 200,
        body: { sobjects: `${root}/sobjects`, query: `${root}/query`, queryAll: `${root}/queryAll`, limits: `${root}/limits`, tooling: `${root}/tooling`, jobs: `${root}/jobs`, identity: `${baseUrl}/id/${org.orgId}/${org.integrationUserId}` },
      };
    }
    if (head === "limits" && parts.length === 1) {
      return {
        status: 200,
        body: {
          DailyApiRequests: { Max: dailyLimit, Remaining: Math.max(0, dailyLimit - apiUsed) },
          DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
          DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
        },
      };
    }
    if ((head === "query" || head === "queryAll") && method === "GET") {
      const options = String(req.headers["sforce-query-options"] ?? "");
      const requested = /batchSize=(\d+)/.exec(options)?.[1];
      const size = requested ? Math.min(2000, Math.max(200, Number(requested))) : batchSize;
      if (a) {
        const dash = a.lastIndexOf("-");
        return { status: 200, body: queryPage(version, a.slice(0, dash), Number(a.slice(dash + 1)), size) };
      }
      return { status: 200, body: runQuery(version, url.searchParams.get("q") ?? "", head === "queryAll", size) };
    }
    if (head === "sobjects") {
      if (!a && method === "GET") {
        return { status: 200, body: { encoding: "UTF-8", maxBatchSize: 200, sobjects: org.objectNames().map((name) => ({ name, label: name, keyPrefix: KEY_PREFIXES[name], queryable: true, custom: false })) } };
      }
      if (!a) throw new SfError(405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed");
      if (!org.hasObject(a)) throw new SfError(404, "NOT_FOUND", `The requested resource does not exist`);
      if (b === "describe" && method === "GET") return { status: 200, body: describe(a) };
      if (!b && method === "GET") return { status: 200, body: { objectDescribe: describe(a), recentItems: [] } };
      if (!b && method === "POST") return { status: 201, body: { id: org.create(a, parseJson(body)), success: true, errors: [] } };
      if (b && method === "GET") {
        const record = org.get(a, b);
        if (!record || record.IsDeleted === true) throw new SfError(404, "NOT_FOUND", "The requested resource does not exist");
        return { status: 200, body: org.toRest(a, record, org.visibleFields(a).map((f) => f.name)) };
      }
      if (b && method === "PATCH") {
        org.update(a, b, parseJson(body));
        return { status: 204, body: "" };
      }
      if (b && method === "DELETE") {
        org.remove(a, b);
        return { status: 204, body: "" };
      }
    }
    if (head === "composite" && a === "sobjects") {
      if (method === "POST" || method === "PATCH") return { status: 200, body: saveMany(method, parseJson(body)) };
      if (method === "DELETE") {
        const ids = (url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
        if (ids.length > 200) throw new SfError(400, "EXCEEDED_ID_LIMIT", "Number of records exceeds the limit of 200");
        return {
          status: 200,
          body: ids.map((id) => {
            const object = org.objectNames().find((name) => org.get(name, id));
            try {
              if (!object) throw new SfError(404, "ENTITY_IS_DELETED", "entity is deleted");
              org.remove(object, id);
              return { id, success: true, errors: [] };
            } catch (error) {
              if (!(error instanceof SfError)) throw error;
              return { id, success: false, errors: [{ statusCode: error.errorCode, message: error.message, fields: [] }] };
            }
          }),
        };
      }
    }
    if (head === "jobs" && a === "ingest") {
      if (!b && method === "POST") return { status: 200, body: bulk.createIngest(parseJson(body)) };
      if (b && !c && method === "GET") return { status: 200, body: bulk.ingestInfo(b) };
      if (b && !c && method === "PATCH") return { status: 200, body: bulk.setIngestState(b, String(parseJson(body).state)) };
      if (b && !c && method === "DELETE") {
        bulk.deleteJob(b);
        return { status: 204, body: "" };
      }
      if (b && c === "batches" && method === "PUT") {
        bulk.upload(b, body);
        return { status: 201, body: "" };
      }
      if (b && (c === "successfulResults" || c === "failedResults" || c === "unprocessedrecords") && method === "GET") {
        return { status: 200, body: bulk.ingestResults(b, c) };
      }
    }
    if (head === "jobs" && a === "query") {
      if (!b && method === "POST") return { status: 200, body: bulk.createQuery(parseJson(body)) };
      if (b && !c && method === "GET") return { status: 200, body: bulk.queryInfo(b) };
      if (b && !c && method === "PATCH") return { status: 200, body: bulk.abortQuery(b) };
      if (b && !c && method === "DELETE") {
        bulk.deleteJob(b);
        return { status: 204, body: "" };
      }
      if (b && c === "results" && method === "GET") {
        const max = url.searchParams.get("maxRecords");
        const page = bulk.queryResults(b, url.searchParams.get("locator"), max ? Number(max) : undefined);
        return { status: 200, body: page.csv, headers: { "Sforce-Locator": page.locator, "Sforce-NumberOfRecords": String(page.count) } };
      }
    }
    if (head === "tooling") {
      if (a === "query" && method === "GET") return { status: 200, body: toolingQuery(url.searchParams.get("q") ?? "") };
      if (a === "sobjects" && b === "CustomField" && method === "POST") {
        const input = parseJson(body) as { FullName?: string; Metadata?: Record<string, unknown> };
        const id = org.createCustomField(String(input.FullName ?? ""), input.Metadata as never);
        return { status: 201, body: { id, success: true, errors: [], warnings: [], infos: [] } };
      }
    }
    throw new SfError(404, "NOT_FOUND", "The requested resource does not exist");
  }

  /** Tooling SOQL over CustomField: supports `WHERE TableEnumOrId = '...' [AND DeveloperName = '...']`. */
  function toolingQuery(soql: string) {
    const from = /FROM\s+(\w+)/i.exec(soql)?.[1];
    if (from !== "CustomField") throw new SfError(400, "INVALID_TYPE", `sObject type '${from ?? ""}' is not supported by this emulator's Tooling API.`);
    const table = /TableEnumOrId\s*=\s*'([^']*)'/i.exec(soql)?.[1];
    const developerName = /DeveloperName\s*=\s*'([^']*)'/i.exec(soql)?.[1];
    const records = org.customFields
      .filter((f) => (!table || f.TableEnumOrId === table) && (!developerName || f.DeveloperName === developerName))
      .map((f) => ({ attributes: { type: "CustomField", url: `/services/data/v62.0/tooling/sobjects/CustomField/${f.Id}` }, Id: f.Id, DeveloperName: f.DeveloperName, TableEnumOrId: f.TableEnumOrId }));
    return { size: records.length, totalSize: records.length, done: true, entityTypeName: "CustomField", records };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path === "/services/oauth2/token" && method === "POST") {
      const fault = takeFault(`${method} ${path}`);
      if (fault?.kind === "drop") return void req.socket.destroy();
      try {
        send(res, 200, tokens.grant(new URLSearchParams(await readBody(req)), { orgId: org.orgId, userId: org.integrationUserId }));
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        send(res, error.status, { error: error.error, error_description: error.description });
      }
      return;
    }
    if (path === "/services/oauth2/authorize" && method === "GET") {
      const redirect = new URL(url.searchParams.get("redirect_uri") ?? "");
      if (url.searchParams.get("client_id") !== credentials.clientId) return send(res, 400, { error: "invalid_client_id", error_description: "client identifier invalid" });
      redirect.searchParams.set("code", tokens.issueAuthorizationCode(url.searchParams.get("redirect_uri") ?? ""));
      const state = url.searchParams.get("state");
      if (state) redirect.searchParams.set("state", state);
      res.writeHead(302, { Location: redirect.toString() }).end();
      return;
    }
    if ((path === "/services/data" || path === "/services/data/") && method === "GET") {
      return send(res, 200, API_VERSIONS.map((version) => ({ label: `v${version}`, url: `/services/data/v${version}`, version })));
    }
    const idMatch = /^\/id\/(\w+)\/(\w+)$/.exec(path);
    const apiMatch = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (!apiMatch && !idMatch) return send(res, 404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);

    const signature = `${method} ${path}${url.search}`;
    const fault = takeFault(signature);
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "slow") await sleep(fault.delayMs);
    if (fault?.kind === "expire_session") tokens.expireAllSessions();

    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
    if (!tokens.isValid(token)) return send(res, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
    if (idMatch) {
      return send(res, 200, { id: `${baseUrl}${path}`, user_id: org.integrationUserId, organization_id: org.orgId, username: credentials.username, urls: { rest: `${baseUrl}/services/data/v{version}/` } });
    }
    if (fault?.kind === "request_limit") return send(res, 403, [{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }], limitHeader());
    if (fault?.kind === "server_error") {
      const status = fault.status ?? 503;
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {};
      return send(res, status, [{ message: status === 503 ? "Server temporarily unavailable" : "An unexpected error occurred. Please include this ErrorId if you contact support: 1234-5678", errorCode: status === 503 ? "SERVER_UNAVAILABLE" : "UNKNOWN_EXCEPTION" }], headers);
    }
    if (apiUsed >= dailyLimit) return send(res, 403, [{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }], limitHeader());
    if (inFlight >= maxConcurrent) {
      return send(res, 403, [{ message: "ConcurrentRequests (Concurrent API Requests) Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }], limitHeader());
    }
    apiUsed++;
    inFlight++;
    try {
      const result = await route(req, (apiMatch as RegExpExecArray)[1] as string, (apiMatch as RegExpExecArray)[2] ?? "/", url);
      send(res, result.status, result.body, { ...limitHeader(), ...result.headers });
    } catch (error) {
      if (error instanceof SfError) return send(res, error.status, [{ message: error.message, errorCode: error.errorCode, fields: error.fields }], limitHeader());
      throw error;
    } finally {
      inFlight--;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, [{ message: error instanceof Error ? error.message : String(error), errorCode: "UNKNOWN_EXCEPTION" }]);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    credentials,
    org,
    apiUsage: () => ({ used: apiUsed, limit: dailyLimit }),
    setApiUsage: (used) => {
      apiUsed = used;
    },
    injectFault: (rule) => {
      faults.push({ ...rule, seen: 0, hits: 0 });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    failRecords: (rule) => {
      org.recordFailures.push(rule);
    },
    expireAllSessions: () => tokens.expireAllSessions(),
    bulkJobs: () => bulk.list(),
    issueAuthorizationCode: (redirectUri) => tokens.issueAuthorizationCode(redirectUri),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
