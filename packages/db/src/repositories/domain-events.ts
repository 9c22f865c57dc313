import { and, asc, eq, gt } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { createBatchWriter } from "../internal/batch-writer.ts";
import { timeOrderedId } from "../internal/time-ordered-id.ts";
import { parseInputList } from "../internal/validate-input.ts";
import { domainEvents, DOMAIN_EVENT_TYPES } from "../schema/domain-events.ts";

export type DomainEventRow = typeof domainEvents.$inferSelect;
type DomainEventInsert = Required<Omit<typeof domainEvents.$inferInsert, "seq" | "dispatchedAt">>;
const EVENT_KEYS = ["id", "orgId", "type", "partnerOrgId", "partnershipId", "payload", "occurredAt"] as const satisfies readonly (keyof DomainEventInsert)[];
export const DomainEventTypeSchema = z.enum(DOMAIN_EVENT_TYPES);
export type DomainEventType = z.infer<typeof DomainEventTypeSchema>;

export const DomainEventInputSchema = z.object({
  type: DomainEventTypeSchema,
  orgId: z.string().min(1),
  partnerOrgId: z.string().min(1).optional(),
  partnershipId: z.string().min(1).optional(),
  payload: z.record(z.string(), z.unknown()),
});
export type DomainEventInput = z.input<typeof DomainEventInputSchema>;

/**
 * Appends events to the outbox. Synchronous on purpose: call it with the `tx` of the transaction that
 * makes the state change the events describe (`db.transaction((tx) => { ...; appendDomainEvents(tx, ...) })`),
 * so the change and its events commit or roll back together.
 */
export function appendDomainEvents(tx: Db, events: readonly DomainEventInput[], options: { now: Date }): string[] {
  const parsed = parseInputList(DomainEventInputSchema, events, "domain event");
  const occurredAt = options.now.toISOString();
  const ids: string[] = [];
  // Multi-row inserts keep the given order, so `seq` (the outbox order) follows `events`.
  const writer = createBatchWriter<DomainEventInsert>(tx, "domain_events.insert", EVENT_KEYS, (placeholderRows) => tx.insert(domainEvents).values(placeholderRows).prepare());
  for (const event of parsed) {
    // Time-ordered: new ids land at the end of the id index instead of on a random page of it.
    const id = timeOrderedId();
    writer.add({
      id,
      orgId: event.orgId,
      type: event.type,
      partnerOrgId: event.partnerOrgId ?? null,
      partnershipId: event.partnershipId ?? null,
      payload: event.payload,
      occurredAt,
    });
    ids.push(id);
  }
  writer.flush();
  return ids;
}

/** Events in outbox order, optionally for one org / type, after a sequence number. */
export async function listDomainEvents(
  db: Db,
  filter: { orgId?: string; type?: DomainEventType; afterSeq?: number; limit?: number } = {},
): Promise<DomainEventRow[]> {
  const conditions: SQL[] = [];
  if (filter.orgId !== undefined) conditions.push(eq(domainEvents.orgId, filter.orgId));
  if (filter.type !== undefined) conditions.push(eq(domainEvents.type, filter.type));
  if (filter.afterSeq !== undefined) conditions.push(gt(domainEvents.seq, filter.afterSeq));
  return db
    .select()
    .from(domainEvents)
    .where(and(...conditions))
    .orderBy(asc(domainEvents.seq))
    .limit(filter.limit ?? 1000);
}
