import { DEFAULT_RETURNED } from "./default-properties.ts";
import type { HubSpotObjectType, HubSpotRecord } from "./types.ts";

/**
 * A record as the v3 object APIs return it (`SimplePublicObject`). Unset properties are left out rather than
 * sent as null: HubSpot's OpenAPI files type property values as plain strings.
 */
export function toPublicObject(type: HubSpotObjectType, record: HubSpotRecord, requested: readonly string[] | undefined) {
  const names = requested && requested.length > 0 ? requested : DEFAULT_RETURNED[type];
  const properties: Record<string, string> = {};
  for (const name of names) {
    const value = record.properties[name];
    if (value !== null && value !== undefined) properties[name] = value;
  }
  return {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archivedAt !== undefined,
    ...(record.archivedAt === undefined ? {} : { archivedAt: new Date(record.archivedAt).toISOString() }),
  };
}

/** `properties=a,b&properties=c` -> [a, b, c] (HubSpot accepts both repeated and comma-separated). */
export function readListParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
