import { errorResult, recordError, type RouteResult } from "./errors.ts";
import type { HubSpotFault } from "./faults.ts";
import { SEARCH_LIMITS, searchRecords, type SearchRequest } from "./search.ts";
import { readListParam, toPublicObject } from "./serialize.ts";
import type { HubSpotStore } from "./store.ts";
import type { HubSpotObjectType } from "./types.ts";

export interface ObjectRouteContext {
  store: HubSpotStore;
  type: HubSpotObjectType;
  query: URLSearchParams;
  body: unknown;
  fault: HubSpotFault | undefined;
  now: () => number;
}

const MAX_LIST_PAGE = 100;
const MAX_BATCH = 100;

function batchTimes(ctx: ObjectRouteContext) {
  const at = new Date(ctx.now()).toISOString();
  return { startedAt: at, completedAt: at };
}

/** GET /crm/v3/objects/{type}?limit&after&properties&archived&associations */
export function listObjects(ctx: ObjectRouteContext): RouteResult {
  const limit = Number(ctx.query.get("limit") ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_PAGE) {
    return errorResult(400, "VALIDATION_ERROR", `limit must be between 1 and ${MAX_LIST_PAGE}`);
  }
  const archived = ctx.query.get("archived") === "true";
  const properties = readListParam(ctx.query, "properties");
  const associations = readListParam(ctx.query, "associations");
  const page = ctx.store.listPage(ctx.type, { after: ctx.query.get("after") ?? undefined, limit, archived });
  const results = page.records.map((record) => {
    const object: Record<string, unknown> = toPublicObject(ctx.type, record, properties);
    if (ctx.type === "deals" && associations.some((a) => a === "companies" || a === "company" || a === "0-2")) {
      const ids = ctx.store.companiesOfDeal(record.id);
      if (ids.length > 0) {
        object.associations = { companies: { results: ids.map((id) => ({ id, type: "deal_to_company" })) } };
      }
    }
    return object;
  });
  const paging = page.nextAfter
    ? { paging: { next: { after: page.nextAfter, link: `?after=${page.nextAfter}` } } }
    : {};
  return { status: 200, body: { results, ...paging } };
}

/** GET /crm/v3/objects/{type}/{id} */
export function getObject(ctx: ObjectRouteContext, id: string): RouteResult {
  const archived = ctx.query.get("archived") === "true";
  const record = ctx.store.get(ctx.type, id, archived);
  if (!record) return errorResult(404, "OBJECT_NOT_FOUND", `Object not found.  objectId are usually numeric.`);
  return { status: 200, body: toPublicObject(ctx.type, record, readListParam(ctx.query, "properties")) };
}

/** POST /crm/v3/objects/{type}/search, with HubSpot's page size, filter counts and 10,000-result cap. */
export function searchObjects(ctx: ObjectRouteContext): RouteResult {
  const request = (ctx.body ?? {}) as SearchRequest;
  const limit = request.limit ?? 10;
  if (limit < 0 || limit > SEARCH_LIMITS.maxPageSize) {
    return errorResult(400, "VALIDATION_ERROR", `limit must be between 0 and ${SEARCH_LIMITS.maxPageSize}`);
  }
  const groups = request.filterGroups ?? [];
  const filterCount = groups.reduce((n, g) => n + g.filters.length, 0);
  if (groups.length > SEARCH_LIMITS.maxFilterGroups || filterCount > SEARCH_LIMITS.maxFilters) {
    return errorResult(
      400,
      "VALIDATION_ERROR",
      `Too many filters: at most ${SEARCH_LIMITS.maxFilterGroups} filterGroups and ${SEARCH_LIMITS.maxFilters} filters`,
    );
  }
  for (const filter of groups.flatMap((g) => g.filters)) {
    if (!ctx.store.property(ctx.type, filter.propertyName)) {
      return errorResult(400, "VALIDATION_ERROR", `There was a problem with the request.`, {
        context: { propertyName: [filter.propertyName] },
      });
    }
  }
  const offset = Number(request.after ?? 0) || 0;
  if (offset + limit > SEARCH_LIMITS.maxResults) {
    // HubSpot refuses to page past the first 10,000 results of a query.
    return errorResult(400, "VALIDATION_ERROR", `Paging past ${SEARCH_LIMITS.maxResults} results is not supported`);
  }
  const found = searchRecords(ctx.store.all(ctx.type), request, (name) => ctx.store.property(ctx.type, name));
  const results = found.slice(offset, offset + limit).map((r) => toPublicObject(ctx.type, r, request.properties));
  const next = offset + limit;
  const paging = next < found.length ? { paging: { next: { after: String(next), link: "" } } } : {};
  return { status: 200, body: { total: found.length, results, ...paging } };
}

interface BatchInputs<T> {
  inputs?: T[];
}

/** POST /crm/v3/objects/{type}/batch/read: 200, or 207 naming the ids not found. */
export function batchReadObjects(ctx: ObjectRouteContext): RouteResult {
  const body = (ctx.body ?? {}) as BatchInputs<{ id: string }> & { properties?: string[] };
  const inputs = body.inputs ?? [];
  if (inputs.length > MAX_BATCH) return errorResult(400, "VALIDATION_ERROR", `at most ${MAX_BATCH} inputs per batch`);
  const archived = ctx.query.get("archived") === "true";
  const failing = new Set(ctx.fault?.kind === "record-errors" ? ctx.fault.ids : []);
  const results = [];
  const missing: string[] = [];
  for (const { id } of inputs) {
    const record = failing.has(id) ? undefined : ctx.store.get(ctx.type, id, archived);
    if (record) results.push(toPublicObject(ctx.type, record, body.properties));
    else missing.push(id);
  }
  if (missing.length === 0) return { status: 200, body: { status: "COMPLETE", results, ...batchTimes(ctx) } };
  const errors = [recordError("OBJECT_NOT_FOUND", "Could not get some objects, they may be deleted or not exist.", missing)];
  return { status: 207, body: { status: "COMPLETE", results, numErrors: errors.length, errors, ...batchTimes(ctx) } };
}

/**
 * POST /crm/v3/objects/{type}/batch/update. Unknown or read-only properties and duplicate ids fail the whole
 * batch (400); missing ids, invalid values and injected record errors fail per record (207).
 */
export function batchUpdateObjects(ctx: ObjectRouteContext): RouteResult {
  const inputs = ((ctx.body ?? {}) as BatchInputs<{ id: string; properties: Record<string, string> }>).inputs ?? [];
  if (inputs.length > MAX_BATCH) return errorResult(400, "VALIDATION_ERROR", `at most ${MAX_BATCH} inputs per batch`);
  const ids = inputs.map((i) => i.id);
  if (new Set(ids).size !== ids.length) return errorResult(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input");
  for (const input of inputs) {
    for (const name of Object.keys(input.properties ?? {})) {
      const property = ctx.store.property(ctx.type, name);
      if (!property || property.modificationMetadata.readOnlyValue) {
        const reason = property ? "is read-only" : "does not exist";
        return errorResult(400, "VALIDATION_ERROR", `Property values were not valid: Property "${name}" ${reason}`, {
          context: { propertyName: [name] },
        });
      }
    }
  }
  const failing = new Set(ctx.fault?.kind === "record-errors" ? ctx.fault.ids : []);
  const results = [];
  const errors = [];
  for (const input of inputs) {
    if (failing.has(input.id)) {
      errors.push(recordError("VALIDATION_ERROR", `Record ${input.id} was rejected`, [input.id]));
      continue;
    }
    const invalid = findInvalidValue(ctx, input.properties ?? {});
    if (invalid) {
      errors.push(recordError("VALIDATION_ERROR", invalid, [input.id]));
      continue;
    }
    const record = ctx.store.update(ctx.type, input.id, input.properties ?? {});
    if (record) results.push(toPublicObject(ctx.type, record, Object.keys(input.properties ?? {})));
    else errors.push(recordError("OBJECT_NOT_FOUND", `Object ${input.id} not found`, [input.id]));
  }
  if (errors.length === 0) return { status: 200, body: { status: "COMPLETE", results, ...batchTimes(ctx) } };
  return { status: 207, body: { status: "COMPLETE", results, numErrors: errors.length, errors, ...batchTimes(ctx) } };
}

/** A message when a value does not fit its property's type or options, as HubSpot validates them. */
function findInvalidValue(ctx: ObjectRouteContext, properties: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(properties)) {
    if (value === "" || value === null) continue;
    const property = ctx.store.property(ctx.type, name);
    if (property?.type === "number" && !Number.isFinite(Number(value))) {
      return `Property values were not valid: ${value} is not a valid number for ${name}`;
    }
    if (property?.type === "enumeration" && property.options.length > 0) {
      const allowed = new Set(property.options.map((o) => o.value));
      const values = property.fieldType === "checkbox" ? value.split(";") : [value];
      const bad = values.find((v) => !allowed.has(v));
      if (bad !== undefined) return `Property values were not valid: ${bad} was not one of the allowed options for ${name}`;
    }
  }
  return undefined;
}
