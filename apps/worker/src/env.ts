import { parseSyncEnv } from "@mutual/sync";
import type { SyncEnv } from "@mutual/sync";

/** The worker reads the sync settings and nothing else (`SyncEnvSchema` in `@mutual/sync` lists them). */
export type WorkerEnv = SyncEnv;

export function parseWorkerEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  return parseSyncEnv(source, process.cwd());
}
