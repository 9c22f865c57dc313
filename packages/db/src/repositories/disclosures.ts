import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { splitIntoBatches } from "../internal/batches.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { DISCLOSURE_CHANNELS, disclosureEvents, disclosureRecords } from "../schema/disclosures.ts";

export const DisclosureChannelSchema = z.enum(DISCLOSURE_CHANNELS);
export type DisclosureChannel = z.infer<typeof DisclosureChannelSchema>;

export const DisclosureEventInputSchema = z.object({
  ownerOrgId: z.string().min(1),
  viewerOrgId: z.string().min(1),
  partnershipId: z.string().min(1).optional(),
  viewerUserId: z.string().min(1).optional(),
  channel: DisclosureChannelSchema,
  populationIds: z.array(z.string().min(1)),
  records: z.array(
    z.object({ accountId: z.string().min(1), fields: z.array(z.string().min(1)), populationIds: z.array(z.string().min(1)) }),
  ),
});
export type DisclosureEventInput = z.input<typeof DisclosureEventInputSchema>;

export type DisclosedRecord = { accountId: string; fields: string[]; populationIds: string[] };
export type DisclosureEvent = {
  id: string;
  ownerOrgId: string;
  viewerOrgId: string;
  partnershipId?: string;
  viewerUserId?: string;
  channel: DisclosureChannel;
  populationIds: string[];
  recordCount: number;
  occurredAt: string;
  records: DisclosedRecord[];
};

/**
 * Appends one disclosure event and its records to the audit log. Unlike the other repository
 * functions it is synchronous and takes the caller's transaction (`db.transaction((tx) => ...)`):
 * a read path records what it shows in the very transaction that read it, so nothing is shown
 * without its audit entry.
 */
export function recordDisclosureEvent(tx: Db, input: DisclosureEventInput, options: WriteOptions = {}): { id: string } {
  const parsed = parseInput(DisclosureEventInputSchema, input, "disclosure event");
  const id = randomUUID();
  tx.insert(disclosureEvents)
    .values({
      id,
      ownerOrgId: parsed.ownerOrgId,
      viewerOrgId: parsed.viewerOrgId,
      partnershipId: parsed.partnershipId ?? null,
      viewerUserId: parsed.viewerUserId ?? null,
      channel: parsed.channel,
      populationIds: parsed.populationIds,
      recordCount: parsed.records.length,
      occurredAt: formatTimestamp(options),
    })
    .run();
  for (const batch of splitIntoBatches(parsed.records)) {
    tx.insert(disclosureRecords)
      .values(batch.map((record) => ({ id: randomUUID(), eventId: id, ...record })))
      .run();
  }
  return { id };
}

export type ListDisclosureEventsOptions = { viewerOrgId?: string; limit?: number };

/** What `ownerOrgId` disclosed (to one viewer org, or to all), newest first, with the records of each event. */
export async function listDisclosureEvents(
  db: Db,
  ownerOrgId: string,
  options: ListDisclosureEventsOptions = {},
): Promise<DisclosureEvent[]> {
  const events = await db
    .select()
    .from(disclosureEvents)
    .where(
      and(
        eq(disclosureEvents.ownerOrgId, ownerOrgId),
        options.viewerOrgId === undefined ? undefined : eq(disclosureEvents.viewerOrgId, options.viewerOrgId),
      ),
    )
    .orderBy(desc(disclosureEvents.occurredAt), desc(disclosureEvents.id))
    .limit(options.limit ?? 100);
  const recordsByEvent = new Map<string, DisclosedRecord[]>();
  for (const batch of splitIntoBatches(events.map((event) => event.id))) {
    const rows = await db
      .select()
      .from(disclosureRecords)
      .where(inArray(disclosureRecords.eventId, batch))
      .orderBy(asc(disclosureRecords.accountId));
    for (const row of rows) {
      const list = recordsByEvent.get(row.eventId) ?? [];
      list.push({ accountId: row.accountId, fields: row.fields, populationIds: row.populationIds });
      recordsByEvent.set(row.eventId, list);
    }
  }
  return events.map((event) => ({
    id: event.id,
    ownerOrgId: event.ownerOrgId,
    viewerOrgId: event.viewerOrgId,
    ...(event.partnershipId !== null && { partnershipId: event.partnershipId }),
    ...(event.viewerUserId !== null && { viewerUserId: event.viewerUserId }),
    channel: event.channel,
    populationIds: event.populationIds,
    recordCount: event.recordCount,
    occurredAt: event.occurredAt,
    records: recordsByEvent.get(event.id) ?? [],
  }));
}
