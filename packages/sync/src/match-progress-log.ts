import type { MatchProgress } from "@mutual/core";
import type { Logger } from "pino";

/** A step running longer than this is logged when it ends. */
const LONG_STEP_MS = 2_000;
/** Within a long step, a line at most this often. */
const EVERY_MS = 10_000;

/**
 * Logs a bulk match's progress (the match space's `onProgress`): a line every 10 s inside a step, and one
 * when a step that ran 2 s or more ends. Small lists and scopes (most) match in well under that and log
 * nothing; a full recompute at a million accounts runs for a minute or more, and an operator sees where it is.
 */
export function createMatchProgressLog(log: Logger, now: () => number = () => performance.now()): (progress: MatchProgress) => void {
  let step = "";
  let startedAt = 0;
  let loggedAt = 0;
  return (progress) => {
    const at = now();
    const current = `${progress.step}\u0000${progress.of}`;
    if (current !== step) {
      step = current;
      startedAt = at;
      loggedAt = at;
    }
    const fields = { step: progress.step, of: progress.of, done: progress.done, total: progress.total };
    if (progress.done === progress.total) {
      if (at - startedAt >= LONG_STEP_MS) log.info({ ...fields, ms: Math.round(at - startedAt) }, `matching: ${progress.step} ${progress.of} done`);
    } else if (at - loggedAt >= EVERY_MS) {
      loggedAt = at;
      log.info(fields, `matching: ${progress.step} ${progress.of} ${progress.done}/${progress.total}`);
    }
  };
}
