import type { CsvProgress } from "@mutual/connector-csv";
import type { CommandContext } from "./commands/types.ts";

const REDRAW_MS = 100;

/** A one-line progress display on stderr for TTYs; silent otherwise so pipes and logs stay clean. */
export function createProgressLine(ctx: CommandContext, label: string) {
  let lastDraw = 0;
  let drawn = false;
  return {
    update(progress: CsvProgress): void {
      if (!ctx.interactive) return;
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      const percent = progress.totalBytes > 0 ? Math.min(100, Math.floor((progress.bytesRead / progress.totalBytes) * 100)) : 100;
      const width = 24;
      const filled = Math.round((percent / 100) * width);
      const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
      ctx.stderr.write(`\r${label} [${bar}] ${String(percent).padStart(3)}%  ${progress.rowsRead.toLocaleString("en-US")} rows`);
    },
    done(): void {
      if (drawn) ctx.stderr.write("\r\x1b[2K");
    },
  };
}
