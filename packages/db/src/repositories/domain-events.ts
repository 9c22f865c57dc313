import { randomUUID } from "node:crypto";
import { and, asc, eq, gt } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { parseInputList } from "../internal/validate-input.ts";
import { domainEvents, DOMAIN_EVENT_TYPES } from "../schema/domain-events.ts";

export type DomainEventRow = typeof domainEvents.$inferSelect;
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
  for (const event of parsed) {
    const id = randomUUID();
    tx.insert(domainEvents)
      .values({
        id,
        orgId: event.orgId,
        type: event.type,
        partnerOrgId: event.partnerOrgId ?? null,
        partnershipId: event.partnershipId ?? null,
        payload: event.payload,
        occurredAt,
      })
      .run();
    ids.push(id);
  }
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
