import { resolve } from "node:path";
import { AppError } from "@mutual/core";
import type { SyncRunRow } from "@mutual/db";
import type { SyncProgressEvent } from "@mutual/sync";
import type { DestinationStream } from "pino";
import { parseCommandArgs } from "../args.ts";
import { createReadableLog } from "../readable-log.ts";
import type { Command, CommandContext } from "./types.ts";

const REDRAW_MS = 100;

function formatCount(n: number | undefined): string {
  return (n ?? 0).toLocaleString("en-US");
}

/**
 * One line per finished run: the figures an admin checks first. A failed run's error details (a file's bad
 * columns, say) follow on their own indented lines.
 */
export function describeSyncRun(name: string, run: SyncRunRow): string {
  const c = run.counts;
  const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1);
  const quota = run.quota ? `, quota ${formatCount(run.quota.used)}/${formatCount(run.quota.limit)}` : "";
  const [reason, ...details] = run.error ? run.error.split("\n") : [];
  const error = reason ? ` (${reason})` : "";
  const detailLines = details.map((line) => `\n${line}`).join("");
  return (
    `${name}: ${run.status} in ${seconds}s${error} - accounts ${formatCount(c.accountsPulled)} pulled ` +
    `(${formatCount(c.accountsInserted)} new, ${formatCount(c.accountsUpdated)} updated, ${formatCount(c.accountsDeleted)} deleted), ` +
    `opportunities ${formatCount(c.opportunitiesPulled)} pulled, overlaps +${formatCount(c.overlapsCreated)} -${formatCount(c.overlapsRemoved)} ` +
    `~${formatCount(c.overlapsPopulationChanged)}, ${formatCount(c.recordErrors)} record errors, ${formatCount(run.apiCalls)} API calls${quota}` +
    detailLines
  );
}

/** Live progress: a redrawn line on a TTY, plain lines (start, phase, end) otherwise. */
function createSyncProgress(ctx: CommandContext, nameOf: (connectionId: string) => string) {
  let lastDraw = 0;
  let drawn = false;
  const names = new Map<string, string>();
  const clear = () => {
    if (drawn) ctx.stderr.write("\r\x1b[2K");
    drawn = false;
  };
  return (event: SyncProgressEvent) => {
    if (event.kind === "started") {
      names.set(event.run.id, nameOf(event.run.connectionId));
      clear();
      ctx.stderr.write(`${names.get(event.run.id)}: sync ${event.resumed ? "resumed" : "started"} (${event.run.trigger})\n`);
      return;
    }
    const name = names.get(event.kind === "finished" ? event.run.id : event.runId) ?? "sync";
    if (event.kind === "page") {
      if (!ctx.interactive) return;
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      const spinner = "|/-\\"[event.progress.pages % 4];
      ctx.stderr.write(`\r\x1b[2K${name} ${spinner} pulling ${event.progress.stream}s: ${formatCount(event.progress.records)} records, ${event.progress.pages} pages`);
      return;
    }
    clear();
    if (event.kind === "phase") ctx.stderr.write(`${name}: ${event.phase.replace(/_/g, " ")}\n`);
    else ctx.stdout.write(`${describeSyncRun(name, event.run)}\n`);
  };
}

export const syncCommand: Command = {
  name: "sync",
  summary: "Sync CRM/CSV connections now (pull, match, overlaps, webhooks), or run as a worker with --watch.",
  usage: "sync [--connection ID|NAME] [--watch] [--database FILE]",
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values } = parseCommandArgs("sync", args, {
      connection: { type: "string" },
      watch: { type: "boolean" },
      database: { type: "string" },
    });
    // Loaded on use: the sync pipeline, its database driver and connectors would slow every other command's start.
    const { findSyncConnection, getSyncConnection, listSyncConnections } = await import("@mutual/db");
    const { createSyncWorkerOn, openSyncContext, parseSyncEnv } = await import("@mutual/sync");
    const { pino } = await import("pino");
    const env = parseSyncEnv({
      ...process.env,
      ...(values.database !== undefined && { MUTUAL_DATABASE_FILE: resolve(ctx.cwd, values.database) }),
      // Keep the terminal for progress: warnings and errors only, as plain lines, unless LOG_LEVEL asks for pino's JSON.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    }, ctx.cwd);
    const logDestination = process.env.LOG_LEVEL === undefined ? createReadableLog(ctx.stderr) : ctx.stderr;
    const logger = pino({ level: env.LOG_LEVEL, base: { app: "cli" } }, logDestination as DestinationStream);
    const context = openSyncContext(env, logger);
    const db = context.database.db;
    try {
      const connections = values.connection !== undefined ? [await findSyncConnection(db, values.connection)] : await listSyncConnections(db, { enabled: true });
      if (connections.length === 0) throw new AppError("invalid_input", "sync: no connection to sync. Create one first (see packages/sync/README.md).");
      const names = new Map(connections.map((c) => [c.id, c.name]));
      const finished: SyncRunRow[] = [];
      const onProgress = createSyncProgress(ctx, (id) => names.get(id) ?? id);
      const worker = createSyncWorkerOn(context, env, {
        onProgress: (event) => {
          if (event.kind === "started" && !names.has(event.run.connectionId)) {
            void getSyncConnection(db, event.run.connectionId).then((c) => names.set(c.id, c.name));
          }
          if (event.kind === "finished") finished.push(event.run);
          onProgress(event);
        },
      });
      if (values.watch) {
        ctx.stderr.write(`watching ${env.MUTUAL_DATABASE_FILE}: scheduled and queued syncs run until Ctrl-C\n`);
        const stop = new AbortController();
        void ctx.interrupted.then(() => stop.abort());
        for (const connection of connections) await worker.enqueueSync(connection.id);
        await worker.run(stop.signal);
        return 0;
      }
      for (const connection of connections) await worker.enqueueSync(connection.id);
      await worker.runOnce();
      const endedOf = (connectionId: string) => finished.find((run) => run.connectionId === connectionId);
      // A failed run was closed for good (its line above says why); one that did not end waits for a retry.
      for (const connection of connections.filter((c) => endedOf(c.id) === undefined)) {
        ctx.stderr.write(`${connection.name}: sync did not finish; it will be retried by the worker (see 'mutual sync --watch')\n`);
      }
      return connections.every((c) => endedOf(c.id)?.status === "succeeded") ? 0 : 1;
    } finally {
      context.database.close();
    }
  },
};
