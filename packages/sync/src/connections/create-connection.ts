import { randomUUID } from "node:crypto";
import { createSyncConnection } from "@mutual/db";
import type { Db, SyncConnectionRow } from "@mutual/db";
import { CadenceSchema } from "@mutual/jobs";
import type { Clock, JobRunner } from "@mutual/jobs";
import type { SecretBox } from "@mutual/secrets";
import { z } from "zod";
import { credentialsContext, parseConnectionConfig } from "./connection-config.ts";
import type { ConnectionConfigInput } from "./connection-config.ts";

export const SYNC_QUEUE = "sync";

export const CreateConnectionInputSchema = z.object({
  id: z.string().min(1).optional(),
  orgId: z.string().min(1),
  name: z.string().trim().min(1),
  /** Null or absent: manual syncs only. */
  cadence: CadenceSchema.optional(),
});
export type CreateConnectionInput = z.input<typeof CreateConnectionInputSchema> & { config: ConnectionConfigInput };

/** The schedule of a connection's syncs. */
export function scheduleName(connectionId: string): string {
  return `sync:${connectionId}`;
}

/** The job concurrency key of a connection's syncs: one sync of a connection runs at a time, on any worker. */
export function syncConcurrencyKey(connectionId: string): string {
  return `connection:${connectionId}`;
}

/**
 * Creates a CRM or CSV connection: validates its configuration, seals its credentials (bound to the
 * connection id) and, with a cadence, schedules its syncs.
 */
export async function createConnection(
  deps: { db: Db; secretBox: SecretBox; runner: JobRunner; clock: Clock },
  input: CreateConnectionInput,
): Promise<SyncConnectionRow> {
  const parsed = CreateConnectionInputSchema.parse(input);
  const config = parseConnectionConfig(input.config, `connection ${parsed.name} has an invalid configuration`);
  const id = parsed.id ?? randomUUID();
  const connection = await createSyncConnection(
    deps.db,
    {
      id,
      orgId: parsed.orgId,
      name: parsed.name,
      provider: config.provider,
      settings: config.settings,
      sealedCredentials: config.credentials === undefined ? undefined : deps.secretBox.encrypt(JSON.stringify(config.credentials), credentialsContext(id)),
      cadence: parsed.cadence,
    },
    { now: deps.clock.now() },
  );
  if (parsed.cadence !== undefined) {
    await deps.runner.upsertSchedule({
      name: scheduleName(id),
      queue: SYNC_QUEUE,
      payload: { connectionId: id, trigger: "scheduled" },
      concurrencyKey: syncConcurrencyKey(id),
      cadence: parsed.cadence,
    });
  }
  return connection;
}
