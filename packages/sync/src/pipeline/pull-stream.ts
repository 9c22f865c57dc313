import type { PullPage } from "@mutual/connector-kit";
import { getSyncCheckpoint, recordSyncRunProgress } from "@mutual/db";
import type { Db, SyncRecordError, SyncRunRow } from "@mutual/db";
import type { Clock } from "@mutual/jobs";
import type { z } from "zod";
import type { SyncSource } from "../connections/sync-source.ts";

export type StreamName = "account" | "opportunity";

export type StreamWriter<T> = {
  schema: z.ZodType<T>;
  /** Upserts valid records and soft-deletes ids; returns counts to add to the run. */
  store(records: T[], deletedIds: string[], now: Date): Promise<Record<string, number>>;
};

const PLURAL: Record<StreamName, string> = { account: "accounts", opportunity: "opportunities" };

export type PullProgress = { stream: StreamName; pages: number; records: number };

/**
 * Pulls one stream page by page from its stored checkpoint: invalid records become per-record errors,
 * the rest are stored, then the page's checkpoint and counts are committed together. A crash before
 * that commit repeats the page on restart (upserts are idempotent); after it, the pull resumes past it.
 */
export async function pullStream<T>(input: {
  db: Db;
  clock: Clock;
  run: SyncRunRow;
  source: SyncSource;
  stream: StreamName;
  pages: (checkpoint: string | null) => AsyncIterable<PullPage<T>>;
  writer: StreamWriter<T>;
  signal?: AbortSignal;
  onPage?: (progress: PullProgress) => void;
}): Promise<PullProgress> {
  const { db, clock, run, source, stream, writer } = input;
  const checkpoint = await getSyncCheckpoint(db, run.connectionId, stream);
  const progress: PullProgress = { stream, pages: 0, records: 0 };
  let apiCallsBefore = source.apiCalls();
  for await (const page of input.pages(checkpoint)) {
    input.signal?.throwIfAborted();
    const valid: T[] = [];
    const errors: SyncRecordError[] = (page.rejected ?? []).map((rejected) => ({ stream, id: rejected.id, reason: rejected.reason }));
    for (const record of page.records) {
      const parsed = writer.schema.safeParse(record);
      if (parsed.success) valid.push(parsed.data);
      else errors.push({ stream, id: String((record as { id?: unknown }).id ?? "?"), reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
    }
    const counts = await writer.store(valid, page.deletedIds, clock.now());
    const apiCalls = source.apiCalls();
    await recordSyncRunProgress(
      db,
      run.id,
      {
        phase: `pull_${PLURAL[stream]}`,
        addCounts: { [`${PLURAL[stream]}Pulled`]: page.records.length, ...counts },
        recordErrors: errors,
        apiCalls: apiCalls - apiCallsBefore,
        checkpoint: { stream, value: page.checkpoint },
      },
      { now: clock.now() },
    );
    apiCallsBefore = apiCalls;
    progress.pages += 1;
    progress.records += page.records.length;
    input.onPage?.(progress);
  }
  return progress;
}
