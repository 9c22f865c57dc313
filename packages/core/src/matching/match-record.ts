import type { MatchRecord } from "./types.ts";

/**
 * The fields of an account (or any record) the matcher reads, every one present (undefined when empty).
 * Records built this way share one shape, so the matcher's field reads stay monomorphic, and hold nothing
 * else alive (custom fields, owners, scores) beside a large match index.
 */
export function matchRecordOf(source: MatchRecord): MatchRecord {
  return {
    id: source.id,
    name: source.name,
    website: source.website,
    country: source.country,
    state: source.state,
    city: source.city,
    phone: source.phone,
    parentId: source.parentId,
    street: source.street,
    postalCode: source.postalCode,
  };
}
