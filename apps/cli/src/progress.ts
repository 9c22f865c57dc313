import type { CsvProgress } from "@mutual/connector-csv";
import type { MatchProgress } from "@mutual/core";
import type { CommandContext } from "./commands/types.ts";

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/**
 * One line on stderr redrawn in place, on TTYs only so pipes and logs stay clean. Redraws at most every
 * REDRAW_MS unless the text before the bar changes (a new step shows at once).
 */
class ProgressLine {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private lastLabel = "";
  private drawn = false;

  constructor(
    private readonly ctx: CommandContext,
    private readonly now: () => number,
  ) {}

  show(label: string, done: number, total: number, suffix = ""): void {
    if (!this.ctx.interactive) return;
    const now = this.now();
    if (label === this.lastLabel && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.lastLabel = label;
    this.drawn = true;
    const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
    // Clear to the end of the line: a shorter label must not leave the end of a longer one behind.
    this.ctx.stderr.write(`\r${label} [${bar}] ${String(percent).padStart(3)}%${suffix}\x1b[K`);
  }

  done(): void {
    if (this.drawn) this.ctx.stderr.write("\r\x1b[2K");
    this.drawn = false;
  }
}

/** Progress of reading a CSV file: "Reading FILE [####----]  40%  12,000 rows". */
export function createProgressLine(ctx: CommandContext, label: string, now: () => number = () => performance.now()) {
  const line = new ProgressLine(ctx, now);
  return {
    update(progress: CsvProgress): void {
      line.show(label, progress.bytesRead, progress.totalBytes, `  ${progress.rowsRead.toLocaleString("en-US")} rows`);
    },
    done: () => line.done(),
  };
}

/**
 * Progress of matching two lists (`onProgress` of the core matcher): "Matching: indexing A.csv [###---]  40%".
 * `names` are what the user calls the lists ("left" and "right" by default).
 */
export function createMatchProgress(ctx: CommandContext, names: { left: string; right: string }, now: () => number = () => performance.now()) {
  const line = new ProgressLine(ctx, now);
  const nameOf = (list: string) => (list === "left" ? names.left : list === "right" ? names.right : list);
  return {
    onProgress(progress: MatchProgress): void {
      line.show(`Matching: ${describeStep(progress, nameOf(progress.of))}`, progress.done, progress.total);
    },
    done: () => line.done(),
  };
}

function describeStep(progress: MatchProgress, list: string): string {
  switch (progress.step) {
    case "normalize":
      return `normalizing ${list}`;
    case "index":
      return `indexing ${list}`;
    case "duplicates":
      return `finding duplicates in ${list}`;
    case "candidates":
      return "finding candidate pairs";
    case "compare":
      return "scoring candidate pairs";
    case "decide":
      return "deciding matches";
  }
}
