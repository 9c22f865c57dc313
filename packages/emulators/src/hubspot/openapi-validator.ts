import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import addFormats from "ajv-formats";
import { OpenAPIBackend } from "openapi-backend";
import type { HubSpotExchange } from "./server.ts";

/**
 * Test helper: checks emulator traffic against HubSpot's own OpenAPI files (copied into test-fixtures/ from
 * ../shared/specs/hubspot). Used by tests only; openapi-backend and ajv-formats are dev dependencies.
 */
const SPEC_DIR = fileURLToPath(new URL("../../test-fixtures/hubspot-openapi/", import.meta.url));

type Document = Record<string, unknown>;

/**
 * HubSpot's files put `description` beside `$ref` in responses, which OpenAPI 3.0 does not allow; keeping only
 * the `$ref` lets the reference resolve instead of being read as an empty response.
 */
function dropRefSiblings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropRefSiblings);
  if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") return { $ref: record.$ref };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, dropRefSiblings(v)]));
  }
  return node;
}

async function loadBackend(file: string): Promise<OpenAPIBackend> {
  const document = dropRefSiblings(JSON.parse(readFileSync(`${SPEC_DIR}${file}`, "utf8"))) as Document;
  const api = new OpenAPIBackend({
    definition: document as never,
    // The files do not pass openapi-backend's strict definition check (see above); quick mode skips it.
    quick: true,
    customizeAjv: (ajv) => {
      addFormats.default(ajv);
      ajv.addFormat("int32", true);
      ajv.addFormat("int64", true);
      return ajv;
    },
  });
  await api.init();
  return api;
}

export interface SpecProblem {
  where: "request" | "response";
  method: string;
  path: string;
  status: number;
  errors: string[];
}

export interface SpecValidator {
  /** Problems found in one exchange; `undefined` when the path has no spec (OAuth) so nothing was checked. */
  check(exchange: HubSpotExchange): SpecProblem[] | undefined;
}

export async function loadHubSpotSpecValidator(): Promise<SpecValidator> {
  const backends = {
    companies: await loadBackend("companies.json"),
    deals: await loadBackend("deals.json"),
    properties: await loadBackend("properties.json"),
    associations: await loadBackend("associations.json"),
  };
  const pick = (path: string): { api: OpenAPIBackend; path: string } | undefined => {
    if (path.startsWith("/crm/v3/objects/companies")) return { api: backends.companies, path };
    // The deals file names the object by its type id.
    if (path.startsWith("/crm/v3/objects/deals")) return { api: backends.deals, path: path.replace("/deals", "/0-3") };
    if (path.startsWith("/crm/v3/objects/0-3")) return { api: backends.deals, path };
    if (path.startsWith("/crm/v3/properties/")) return { api: backends.properties, path };
    if (path.startsWith("/crm/v4/")) return { api: backends.associations, path };
    return undefined;
  };
  return {
    check(exchange) {
      const target = pick(exchange.path);
      if (!target) return undefined;
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(exchange.query.keys())) {
        const values = exchange.query.getAll(key);
        query[key] = values.length === 1 ? (values[0] as string) : values;
      }
      const request = {
        method: exchange.method.toLowerCase(),
        path: target.path,
        query,
        headers: exchange.headers as Record<string, string>,
        body: exchange.body as never,
      };
      const operation = target.api.router.matchOperation(request);
      const base = { method: exchange.method, path: exchange.path, status: exchange.status };
      if (!operation) return [{ ...base, where: "request", errors: ["no operation in the spec"] }];
      const problems: SpecProblem[] = [];
      const requestResult = target.api.validateRequest(request, operation);
      if (requestResult.errors?.length) {
        problems.push({ ...base, where: "request", errors: requestResult.errors.map((e) => `${e.instancePath} ${e.message}`) });
      }
      const responseResult = target.api.validateResponse(exchange.responseBody, operation, exchange.status);
      if (responseResult.errors?.length) {
        problems.push({ ...base, where: "response", errors: responseResult.errors.map((e) => `${e.instancePath} ${e.message}`) });
      }
      return problems;
    },
  };
}
