import type { HubSpotProperty, HubSpotRecord } from "./types.ts";

export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface SearchRequest {
  filterGroups?: { filters: SearchFilter[] }[];
  /** `"name"` / `"-name"` (the documented TS form) or `{ propertyName, direction }`. */
  sorts?: (string | { propertyName: string; direction?: string })[];
  query?: string;
  after?: string | number;
  limit?: number;
  properties?: string[];
}

/** HubSpot's documented search limits. */
export const SEARCH_LIMITS = { maxResults: 10_000, maxPageSize: 200, maxFilterGroups: 5, maxFilters: 18 };

type Comparable = number | string | undefined;

/** Value of a property in a form that compares like HubSpot does: numbers and dates numerically, text case-blind. */
function comparable(record: HubSpotRecord, name: string, property: HubSpotProperty | undefined): Comparable {
  if (name === "hs_lastmodifieddate") return record.updatedAt;
  if (name === "createdate") return record.createdAt;
  if (name === "hs_object_id") return Number(record.id);
  const raw = record.properties[name];
  if (raw === null || raw === undefined || raw === "") return undefined;
  return toComparable(raw, property);
}

function toComparable(raw: string, property: HubSpotProperty | undefined): Comparable {
  const kind = property?.type;
  if (kind === "datetime" || kind === "date") return /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (kind === "number") return Number(raw);
  return raw.toLowerCase();
}

function matches(record: HubSpotRecord, filter: SearchFilter, property: HubSpotProperty | undefined): boolean {
  const actual = comparable(record, filter.propertyName, property);
  const value = filter.value === undefined ? undefined : toComparable(filter.value, property ?? fallbackType(filter));
  switch (filter.operator) {
    case "HAS_PROPERTY":
      return actual !== undefined;
    case "NOT_HAS_PROPERTY":
      return actual === undefined;
    case "EQ":
      return actual !== undefined && actual === value;
    case "NEQ":
      return actual !== value;
    case "LT":
      return actual !== undefined && value !== undefined && actual < value;
    case "LTE":
      return actual !== undefined && value !== undefined && actual <= value;
    case "GT":
      return actual !== undefined && value !== undefined && actual > value;
    case "GTE":
      return actual !== undefined && value !== undefined && actual >= value;
    case "BETWEEN": {
      const high = filter.highValue === undefined ? undefined : toComparable(filter.highValue, property ?? fallbackType(filter));
      return actual !== undefined && value !== undefined && high !== undefined && actual >= value && actual <= high;
    }
    case "IN":
    case "NOT_IN": {
      const set = (filter.values ?? []).map((v) => toComparable(v, property ?? fallbackType(filter)));
      const found = actual !== undefined && set.includes(actual);
      return filter.operator === "IN" ? found : !found;
    }
    case "CONTAINS_TOKEN":
    case "NOT_CONTAINS_TOKEN": {
      const token = String(filter.value ?? "").toLowerCase().replaceAll("*", "");
      const found = typeof actual === "string" && actual.includes(token);
      return filter.operator === "CONTAINS_TOKEN" ? found : !found;
    }
    default:
      return false;
  }
}

/** System properties compare as numbers even when their definition is missing. */
function fallbackType(filter: SearchFilter): HubSpotProperty | undefined {
  if (filter.propertyName === "hs_object_id") return { type: "number" } as HubSpotProperty;
  const isDate = filter.propertyName === "hs_lastmodifieddate" || filter.propertyName === "createdate";
  return isDate ? ({ type: "datetime" } as HubSpotProperty) : undefined;
}

function parseSort(sort: NonNullable<SearchRequest["sorts"]>[number]): { name: string; descending: boolean } {
  if (typeof sort === "string") {
    return sort.startsWith("-") ? { name: sort.slice(1), descending: true } : { name: sort, descending: false };
  }
  return { name: sort.propertyName, descending: sort.direction === "DESCENDING" };
}

/**
 * Every record matching the request, in result order (filter groups OR-ed, filters AND-ed; the first sort,
 * then id, as HubSpot supports one sort). Paging and the 10,000 cap are the caller's business.
 */
export function searchRecords(
  records: Iterable<HubSpotRecord>,
  request: SearchRequest,
  propertyOf: (name: string) => HubSpotProperty | undefined,
): HubSpotRecord[] {
  const groups = (request.filterGroups ?? []).filter((g) => g.filters.length > 0);
  const query = request.query?.trim().toLowerCase();
  const found: HubSpotRecord[] = [];
  for (const record of records) {
    const inGroups =
      groups.length === 0 ||
      groups.some((group) => group.filters.every((f) => matches(record, f, propertyOf(f.propertyName))));
    if (!inGroups) continue;
    if (query && !Object.values(record.properties).some((v) => v?.toLowerCase().includes(query))) continue;
    found.push(record);
  }
  const sort = request.sorts?.[0] ? parseSort(request.sorts[0]) : undefined;
  found.sort((a, b) => {
    if (sort) {
      const x = comparable(a, sort.name, propertyOf(sort.name));
      const y = comparable(b, sort.name, propertyOf(sort.name));
      if (x !== y) {
        // Records without the property sort last, in either direction.
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        const order = x < y ? -1 : 1;
        return sort.descending ? -order : order;
      }
    }
    return Number(a.id) - Number(b.id);
  });
  return found;
}
