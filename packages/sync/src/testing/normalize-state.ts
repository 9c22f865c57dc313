import { accounts, domainEvents, opportunities, overlaps, partnerships, populations, publishedOverlaps } from "@mutual/db";
import type { Db } from "@mutual/db";

/**
 * The observable end state of a database in a form two runs can be compared in: random ids
 * (accounts, opportunities, populations, partnerships) replaced by stable names, timestamps and
 * event ids dropped, lists sorted.
 */
export function normalizeState(db: Db) {
  const names = new Map<string, string>();
  for (const row of db.select().from(accounts).all()) names.set(row.id, `account:${row.orgId}/${row.source}/${row.sourceId}`);
  for (const row of db.select().from(opportunities).all()) names.set(row.id, `opportunity:${row.orgId}/${row.source}/${row.sourceId}`);
  for (const row of db.select().from(populations).all()) names.set(row.id, `population:${row.orgId}/${row.name}`);
  for (const row of db.select().from(partnerships).all()) names.set(row.id, `partnership:${row.inviterOrgId}-${row.inviteeOrgId}`);
  const rename = (value: unknown): unknown => {
    if (typeof value === "string") return names.get(value) ?? value;
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    return value;
  };
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(rename(row))).sort();

  return {
    accounts: sorted(db.select().from(accounts).all().map((r) => [r.id, r.name, r.website, r.status, r.phone, r.deletedAt !== null])),
    opportunities: sorted(db.select().from(opportunities).all().map((r) => [r.id, r.accountId, r.stage, r.isWon, r.deletedAt !== null])),
    overlaps: sorted(
      db.select().from(overlaps).all().map((r) => [r.orgId, r.partnershipId, r.mineAccountId, r.partnerAccountId, r.relation, r.confidence, r.minePopulations, r.partnerPopulations]),
    ),
    publishedOverlaps: sorted(db.select().from(publishedOverlaps).all().map((r) => [r.orgId, r.scopeKey.replace(/^partnership:/, ""), r.mineAccountId, r.partnerAccountId, r.minePopulations, r.partnerPopulations])),
    events: sorted(db.select().from(domainEvents).all().map((r) => [r.orgId, r.type, r.partnerOrgId, r.partnershipId, r.payload, r.dispatchedAt !== null])),
    rename,
  };
}

/** Webhook requests as a receiver that dedupes on Mutual-Delivery-Id processes them. */
export function normalizeDeliveries(received: readonly { headers: Record<string, unknown>; body: string }[], rename: (value: unknown) => unknown) {
  const byDelivery = new Map<string, string>();
  const conflicts: string[] = [];
  for (const request of received) {
    const id = String(request.headers["mutual-delivery-id"]);
    const previous = byDelivery.get(id);
    if (previous !== undefined && previous !== request.body) conflicts.push(id);
    byDelivery.set(id, request.body);
  }
  const processed = [...byDelivery.values()].map((body) => {
    const { id: _id, createdAt: _createdAt, ...event } = JSON.parse(body) as Record<string, unknown>;
    return JSON.stringify(rename(event));
  });
  return { processed: processed.sort(), conflicts, duplicates: received.length - byDelivery.size };
}
