import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import { and, asc, eq, or } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { parseInput } from "../internal/validate-input.ts";
import { syncCheckpoints, syncConnections, SYNC_PROVIDERS } from "../schema/sync.ts";

export type SyncConnectionRow = typeof syncConnections.$inferSelect;

export const CreateSyncConnectionInputSchema = z.object({
  id: z.string().min(1).optional(),
  orgId: z.string().min(1),
  name: z.string().trim().min(1),
  provider: z.enum(SYNC_PROVIDERS),
  settings: z.record(z.string(), z.unknown()),
  /** Credentials already sealed by the caller (@mutual/secrets); never plaintext. */
  sealedCredentials: z.string().min(1).optional(),
  cadence: z.string().min(1).optional(),
  enabled: z.boolean().default(true),
});
export type CreateSyncConnectionInput = z.input<typeof CreateSyncConnectionInputSchema>;

export async function createSyncConnection(db: Db, input: CreateSyncConnectionInput, options: { now: Date }): Promise<SyncConnectionRow> {
  const parsed = parseInput(CreateSyncConnectionInputSchema, input, "sync connection");
  const now = options.now.toISOString();
  const [row] = await runWithConflictCheck(`a connection named '${parsed.name}' already exists`, () =>
    db
      .insert(syncConnections)
      .values({
        id: parsed.id ?? randomUUID(),
        orgId: parsed.orgId,
        name: parsed.name,
        provider: parsed.provider,
        settings: parsed.settings,
        credentials: parsed.sealedCredentials ?? null,
        cadence: parsed.cadence ?? null,
        enabled: parsed.enabled,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
  );
  return row!;
}

export async function getSyncConnection(db: Db, id: string): Promise<SyncConnectionRow> {
  const [row] = await db.select().from(syncConnections).where(eq(syncConnections.id, id));
  if (!row) throw new AppError("not_found", `connection ${id} not found`);
  return row;
}

/** A connection by id or by name (names are unique per org; ambiguous across orgs is a conflict). */
export async function findSyncConnection(db: Db, idOrName: string): Promise<SyncConnectionRow> {
  const rows = await db
    .select()
    .from(syncConnections)
    .where(or(eq(syncConnections.id, idOrName), eq(syncConnections.name, idOrName)));
  const byId = rows.find((row) => row.id === idOrName);
  if (byId) return byId;
  if (rows.length > 1) throw new AppError("conflict", `several connections are named '${idOrName}': use the id`);
  if (!rows[0]) throw new AppError("not_found", `no connection with id or name '${idOrName}'`);
  return rows[0];
}

export async function listSyncConnections(db: Db, filter: { orgId?: string; enabled?: boolean } = {}): Promise<SyncConnectionRow[]> {
  const conditions: SQL[] = [];
  if (filter.orgId !== undefined) conditions.push(eq(syncConnections.orgId, filter.orgId));
  if (filter.enabled !== undefined) conditions.push(eq(syncConnections.enabled, filter.enabled));
  return db.select().from(syncConnections).where(and(...conditions)).orderBy(asc(syncConnections.createdAt), asc(syncConnections.id));
}

/** Stores rotated tokens (already sealed). */
export async function updateSyncConnectionCredentials(db: Db, id: string, sealedCredentials: string, options: { now: Date }): Promise<void> {
  const rows = await db
    .update(syncConnections)
    .set({ credentials: sealedCredentials, updatedAt: options.now.toISOString() })
    .where(eq(syncConnections.id, id))
    .returning({ id: syncConnections.id });
  if (rows.length === 0) throw new AppError("not_found", `connection ${id} not found`);
}

/** The stored checkpoint of one stream (`account`, `opportunity`, ...), or null before the first pull. */
export async function getSyncCheckpoint(db: Db, connectionId: string, stream: string): Promise<string | null> {
  const [row] = await db
    .select({ checkpoint: syncCheckpoints.checkpoint })
    .from(syncCheckpoints)
    .where(and(eq(syncCheckpoints.connectionId, connectionId), eq(syncCheckpoints.stream, stream)));
  return row?.checkpoint ?? null;
}

/** Forgets every checkpoint of a connection: the next sync is a full pull. */
export async function resetSyncCheckpoints(db: Db, connectionId: string): Promise<void> {
  await db.delete(syncCheckpoints).where(eq(syncCheckpoints.connectionId, connectionId));
}
