import { AccountSchema, OpportunitySchema } from "@mutual/core";
import type { Account, Opportunity } from "@mutual/core";
import {
  finishSyncRun,
  getSyncCheckpoint,
  getSyncConnection,
  recordSyncRunProgress,
  softDeleteAccounts,
  softDeleteOpportunities,
  startOrResumeSyncRun,
  upsertAccounts,
  upsertOpportunities,
} from "@mutual/db";
import type { Db, SyncConnectionRow, SyncRunRow } from "@mutual/db";
import type { Clock } from "@mutual/jobs";
import type { OverlapMatchSpace } from "@mutual/services";
import type { Logger } from "pino";
import type { SyncSource } from "../connections/sync-source.ts";
import { pullStream } from "./pull-stream.ts";
import type { PullProgress } from "./pull-stream.ts";
import { recomputeAttributionsAfterSync } from "./recompute-attributions.ts";
import { updateOverlapsAndPublish } from "./update-overlaps.ts";

export type SyncProgressEvent =
  | { kind: "started"; run: SyncRunRow; resumed: boolean }
  | { kind: "page"; runId: string; progress: PullProgress }
  | { kind: "phase"; runId: string; phase: string }
  /** The run ended: succeeded, or failed for good (the worker closes it when no retry will resume it). */
  | { kind: "finished"; run: SyncRunRow };

export type SyncDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Opens the connection's source (CRM connector or CSV); injected so tests can add faults. */
  openSource: (connection: SyncConnectionRow) => Promise<SyncSource>;
  /** Match indexes kept between syncs: later syncs re-match only changed accounts. */
  matchSpace: OverlapMatchSpace;
  onProgress?: (event: SyncProgressEvent) => void;
};

export type RunSyncInput = {
  connectionId: string;
  trigger: "scheduled" | "manual";
  /** The job running the sync: a re-delivered job resumes the same run. */
  jobId?: string;
  signal?: AbortSignal;
};

/**
 * One sync of a connection: pull accounts then opportunities (checkpointed per page), recompute the
 * overlaps of the accounts that changed since the last sync, announce the changes through the outbox,
 * then close the run. Every step is idempotent and resumes from durable state, so a run killed at any
 * point and started again ends in the same state as an uninterrupted one.
 */
export async function runSync(deps: SyncDeps, input: RunSyncInput): Promise<SyncRunRow> {
  const { db, clock } = deps;
  const connection = await getSyncConnection(db, input.connectionId);
  const { run, resumed } = await startOrResumeSyncRun(
    db,
    { connectionId: connection.id, orgId: connection.orgId, jobId: input.jobId, trigger: input.trigger },
    { now: clock.now() },
  );
  if (run.status !== "running") return run;
  const log = deps.logger.child({ syncRunId: run.id, connectionId: connection.id, orgId: connection.orgId });
  log.info({ resumed, attempt: run.attempts, trigger: input.trigger }, resumed ? "sync resumed" : "sync started");
  deps.onProgress?.({ kind: "started", run, resumed });

  const source = await deps.openSource(connection);
  const orgId = connection.orgId;
  const sourceName = source.provider;
  const onPage = (progress: PullProgress) => {
    log.debug(progress, "page stored");
    deps.onProgress?.({ kind: "page", runId: run.id, progress });
  };

  await pullStream<Account>({
    db,
    clock,
    run,
    source,
    stream: "account",
    pages: (checkpoint) => source.pullAccounts({ checkpoint, signal: input.signal }),
    signal: input.signal,
    onPage,
    writer: {
      schema: AccountSchema,
      async store(records, deletedIds, now) {
        const counts = await upsertAccounts(db, orgId, sourceName, records, { now });
        const deleted = deletedIds.length > 0 ? await softDeleteAccounts(db, orgId, sourceName, deletedIds, { now }) : 0;
        return { accountsInserted: counts.inserted, accountsUpdated: counts.updated, accountsUnchanged: counts.unchanged, accountsDeleted: deleted };
      },
    },
  });
  await pullStream<Opportunity>({
    db,
    clock,
    run,
    source,
    stream: "opportunity",
    pages: (checkpoint) => source.pullOpportunities({ checkpoint, signal: input.signal }),
    signal: input.signal,
    onPage,
    writer: {
      schema: OpportunitySchema,
      async store(records, deletedIds, now) {
        const counts = await upsertOpportunities(db, orgId, sourceName, records, { now });
        const deleted = deletedIds.length > 0 ? await softDeleteOpportunities(db, orgId, sourceName, deletedIds, { now }) : 0;
        return {
          opportunitiesInserted: counts.inserted,
          opportunitiesUpdated: counts.updated,
          opportunitiesUnchanged: counts.unchanged,
          opportunitiesDeleted: deleted,
        };
      },
    },
  });

  deps.onProgress?.({ kind: "phase", runId: run.id, phase: "overlaps" });
  const since = await getSyncCheckpoint(db, connection.id, "overlaps");
  const started = clock.now();
  const published = await updateOverlapsAndPublish(
    { db, clock, matchSpace: deps.matchSpace },
    { orgId, since: since === null ? null : new Date(since) },
  );
  log.info(published, "overlaps updated and changes published");
  // Attribution and influencing-partner tags follow the overlaps; before the checkpoint, so a crash redoes it.
  if (published.mode !== "none") {
    deps.onProgress?.({ kind: "phase", runId: run.id, phase: "attribution" });
    const attributions = await recomputeAttributionsAfterSync({ db, clock }, { orgId });
    log.info({ attributions }, "attribution and partner tags recomputed");
  }

  const quota = await source.usage().catch((error: unknown) => {
    log.warn({ err: error }, "could not read API quota");
    return null;
  });
  await recordSyncRunProgress(
    db,
    run.id,
    {
      phase: "published",
      addCounts: {
        changedAccounts: published.changedAccounts,
        overlapsCreated: published.overlapsCreated,
        overlapsRemoved: published.overlapsRemoved,
        overlapsPopulationChanged: published.overlapsPopulationChanged,
        partnerOpportunitiesCreated: published.partnerOpportunitiesCreated,
        partnerOpportunitiesWon: published.partnerOpportunitiesWon,
      },
      quota,
      // Next sync re-matches what changed from here on (>=, so a write at this instant is not missed).
      checkpoint: { stream: "overlaps", value: started.toISOString() },
    },
    { now: clock.now() },
  );
  const finished = await finishSyncRun(db, run.id, { status: "succeeded" }, { now: clock.now() });
  log.info({ counts: finished.counts, durationMs: finished.durationMs, apiCalls: finished.apiCalls }, "sync succeeded");
  deps.onProgress?.({ kind: "finished", run: finished });
  return finished;
}
