import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { batchReadAssociations } from "./associations-routes.ts";
import { errorResult, rateLimitResult, type RouteResult } from "./errors.ts";
import { FaultInjector, type HubSpotFault } from "./faults.ts";
import {
  batchReadObjects,
  batchUpdateObjects,
  getObject,
  listObjects,
  searchObjects,
  type ObjectRouteContext,
} from "./objects-routes.ts";
import { TokenRegistry, type HubSpotOAuthApp } from "./oauth.ts";
import { createGroup, createProperty, getProperty, listGroups, listProperties } from "./properties-routes.ts";
import { HUBSPOT_TIERS, RateLimitEnforcer, type HubSpotRateLimits } from "./rate-limits.ts";
import { HubSpotStore } from "./store.ts";
import { resolveObjectType, type HubSpotObjectType, type HubSpotSeed } from "./types.ts";

export interface HubSpotEmulatorOptions {
  seed?: HubSpotSeed;
  /** 0 (default) picks a free port. The server listens on 127.0.0.1 only. */
  port?: number;
  /** A tier name or explicit limits (default: professional). */
  limits?: keyof typeof HUBSPOT_TIERS | HubSpotRateLimits;
  /** Turn off to serve without rate limiting (default on). */
  enforceLimits?: boolean;
  privateAppToken?: string;
  oauth?: Partial<HubSpotOAuthApp>;
  now?: () => number;
  /** Sees every answered request, e.g. to validate traffic against the OpenAPI files. */
  onExchange?: (exchange: HubSpotExchange) => void;
}

export interface HubSpotExchange {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
  status: number;
  responseBody: unknown;
}

export interface HubSpotEmulatorStats {
  requests: number;
  /** 429s answered because a limit was reached (injected ones are counted in `faults.fired`). */
  rateLimited: number;
  /** Answered requests by `METHOD /route/pattern`. */
  byRoute: Record<string, number>;
}

export interface HubSpotEmulator {
  /** What `@hubspot/api-client` takes as `basePath`. */
  basePath: string;
  /** A private-app token valid for every API. */
  accessToken: string;
  port: number;
  store: HubSpotStore;
  faults: FaultInjector;
  tokens: TokenRegistry;
  limits: RateLimitEnforcer;
  stats: HubSpotEmulatorStats;
  close(): Promise<void>;
}

interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  form: URLSearchParams;
  fault: HubSpotFault | undefined;
}

type Handler = (request: Request, params: string[]) => RouteResult;
interface Route {
  method: string;
  pattern: RegExp;
  name: string;
  handler: Handler;
}

const SEGMENT = "([^/]+)";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a loopback server speaking the HubSpot CRM v3/v4, properties and OAuth APIs the connector uses. */
export async function startHubSpotEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const now = options.now ?? Date.now;
  const store = new HubSpotStore(options.seed ?? { companies: [], deals: [] }, now);
  const faults = new FaultInjector();
  const limitsConfig =
    typeof options.limits === "object" ? options.limits : HUBSPOT_TIERS[options.limits ?? "professional"];
  const limits = new RateLimitEnforcer(limitsConfig);
  const tokens = new TokenRegistry(
    {
      clientId: options.oauth?.clientId ?? "mutual-emulator-client",
      clientSecret: options.oauth?.clientSecret ?? "mutual-emulator-secret",
      redirectUri: options.oauth?.redirectUri ?? "http://127.0.0.1/oauth/callback",
      accessTokenTtlSeconds: options.oauth?.accessTokenTtlSeconds ?? 1800,
    },
    options.privateAppToken ?? "pat-na1-00000000-0000-4000-8000-000000000001",
    now,
  );
  const stats: HubSpotEmulatorStats = { requests: 0, rateLimited: 0, byRoute: {} };
  const nowIso = () => new Date(now()).toISOString();

  const withType = (raw: string, run: (type: HubSpotObjectType) => RouteResult): RouteResult => {
    const type = resolveObjectType(decodeURIComponent(raw));
    return type ? run(type) : errorResult(400, "VALIDATION_ERROR", `Unable to infer object type from: ${raw}`);
  };
  const objectContext = (request: Request, type: HubSpotObjectType): ObjectRouteContext => ({
    store,
    type,
    query: request.query,
    body: request.body,
    fault: request.fault,
    now,
  });

  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/oauth\/v1\/token$/,
      name: "POST /oauth/v1/token",
      handler: (request) => tokens.exchange(request.form),
    },
    {
      method: "POST",
      pattern: new RegExp(`^/crm/v3/objects/${SEGMENT}/search$`),
      name: "POST /crm/v3/objects/{type}/search",
      handler: (r, [t]) => withType(t ?? "", (type) => searchObjects(objectContext(r, type))),
    },
    {
      method: "POST",
      pattern: new RegExp(`^/crm/v3/objects/${SEGMENT}/batch/read$`),
      name: "POST /crm/v3/objects/{type}/batch/read",
      handler: (r, [t]) => withType(t ?? "", (type) => batchReadObjects(objectContext(r, type))),
    },
    {
      method: "POST",
      pattern: new RegExp(`^/crm/v3/objects/${SEGMENT}/batch/update$`),
      name: "POST /crm/v3/objects/{type}/batch/update",
      handler: (r, [t]) => withType(t ?? "", (type) => batchUpdateObjects(objectContext(r, type))),
    },
    {
      method: "GET",
      pattern: new RegExp(`^/crm/v3/objects/${SEGMENT}$`),
      name: "GET /crm/v3/objects/{type}",
      handler: (r, [t]) => withType(t ?? "", (type) => listObjects(objectContext(r, type))),
    },
    {
      method: "GET",
      pattern: new RegExp(`^/crm/v3/objects/${SEGMENT}/${SEGMENT}$`),
      name: "GET /crm/v3/objects/{type}/{id}",
      handler: (r, [t, id]) => withType(t ?? "", (type) => getObject(objectContext(r, type), id ?? "")),
    },
    {
      method: "GET",
      pattern: new RegExp(`^/crm/v3/properties/${SEGMENT}/groups$`),
      name: "GET /crm/v3/properties/{type}/groups",
      handler: (_r, [t]) => withType(t ?? "", (type) => listGroups(store, type)),
    },
    {
      method: "POST",
      pattern: new RegExp(`^/crm/v3/properties/${SEGMENT}/groups$`),
      name: "POST /crm/v3/properties/{type}/groups",
      handler: (r, [t]) => withType(t ?? "", (type) => createGroup(store, type, r.body)),
    },
    {
      method: "GET",
      pattern: new RegExp(`^/crm/v3/properties/${SEGMENT}$`),
      name: "GET /crm/v3/properties/{type}",
      handler: (_r, [t]) => withType(t ?? "", (type) => listProperties(store, type)),
    },
    {
      method: "POST",
      pattern: new RegExp(`^/crm/v3/properties/${SEGMENT}$`),
      name: "POST /crm/v3/properties/{type}",
      handler: (r, [t]) => withType(t ?? "", (type) => createProperty(store, type, r.body, nowIso())),
    },
    {
      method: "GET",
      pattern: new RegExp(`^/crm/v3/properties/${SEGMENT}/${SEGMENT}$`),
      name: "GET /crm/v3/properties/{type}/{name}",
      handler: (_r, [t, name]) => withType(t ?? "", (type) => getProperty(store, type, decodeURIComponent(name ?? ""))),
    },
    {
      method: "POST",
      pattern: new RegExp(`^/crm/v4/associations/${SEGMENT}/${SEGMENT}/batch/read$`),
      name: "POST /crm/v4/associations/{from}/{to}/batch/read",
      handler: (r, [f, t]) =>
        withType(f ?? "", (from) => withType(t ?? "", (to) => batchReadAssociations(store, from, to, r.body, nowIso()))),
    },
  ];

  function authenticate(req: IncomingMessage): RouteResult | undefined {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    const state = token ? tokens.check(token) : "unknown";
    if (state === "valid") return undefined;
    if (state === "expired") {
      return errorResult(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired.");
    }
    return errorResult(
      401,
      "INVALID_AUTHENTICATION",
      "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
    );
  }

  function rateHeaders(): Record<string, string> {
    const usage = limits.usage(now());
    return {
      "x-hubspot-ratelimit-daily": String(limitsConfig.daily),
      "x-hubspot-ratelimit-daily-remaining": String(Math.max(0, limitsConfig.daily - usage.dailyUsed)),
      "x-hubspot-ratelimit-interval-milliseconds": "10000",
      "x-hubspot-ratelimit-max": String(limitsConfig.burstPerTenSeconds),
      "x-hubspot-ratelimit-remaining": String(Math.max(0, limitsConfig.burstPerTenSeconds - usage.burstUsed)),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);
    const isForm = (req.headers["content-type"] ?? "").includes("x-www-form-urlencoded");
    let body: unknown;
    let result: RouteResult | undefined;
    try {
      body = raw && !isForm ? JSON.parse(raw) : undefined;
    } catch {
      result = errorResult(400, "VALIDATION_ERROR", "Invalid input JSON on line 1");
    }
    const fault = faults.take(method, url.pathname);
    if (fault?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "slow") await sleep(fault.delayMs);
    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    const request: Request = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      form: new URLSearchParams(isForm ? raw : ""),
      fault,
    };
    let headers: Record<string, string> = {};
    const isToken = route?.name === "POST /oauth/v1/token";
    result ??= fault?.kind === "rate-limit" ? rateLimitResult(fault.policyName, fault.retryAfterSeconds && fault.retryAfterSeconds * 1000) : undefined;
    if (!result && fault?.kind === "server-error") {
      result = errorResult(fault.status ?? 500, "INTERNAL_ERROR", "An internal error occurred.");
    }
    if (!result && !route) result = errorResult(404, "OBJECT_NOT_FOUND", `No route for ${method} ${url.pathname}`);
    if (!result && !isToken) result = authenticate(req);
    if (!result && route && !isToken && options.enforceLimits !== false) {
      const decision = limits.admit(now(), url.pathname.endsWith("/search"));
      if (!decision.allowed) {
        stats.rateLimited++;
        result = rateLimitResult(decision.policyName, decision.retryAfterMs);
      } else if (!url.pathname.endsWith("/search")) {
        headers = rateHeaders();
      }
    }
    result ??= route ? route.handler(request, route.pattern.exec(url.pathname)?.slice(1) ?? []) : undefined;
    const final = result ?? errorResult(500, "INTERNAL_ERROR", "unrouted");
    stats.requests++;
    const routeName = route?.name ?? `${method} (unknown)`;
    stats.byRoute[routeName] = (stats.byRoute[routeName] ?? 0) + 1;
    options.onExchange?.({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: isForm ? Object.fromEntries(request.form) : body,
      status: final.status,
      responseBody: final.body,
    });
    const payload = final.body === undefined ? "" : JSON.stringify(final.body);
    res.writeHead(final.status, {
      "content-type": "application/json;charset=utf-8",
      "content-length": Buffer.byteLength(payload),
      ...headers,
      ...final.headers,
    });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "error", message: String(error), category: "INTERNAL_ERROR", correlationId: "0" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    basePath: `http://127.0.0.1:${port}`,
    accessToken: tokens.privateAppToken,
    port,
    store,
    faults,
    tokens,
    limits,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
