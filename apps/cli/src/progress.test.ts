import { describe, expect, it } from "vitest";
import type { CommandContext } from "./commands/types.ts";
import { createMatchProgress, createProgressLine } from "./progress.ts";

/** A context whose stderr keeps what was written, synchronously. */
function context(interactive: boolean): { ctx: CommandContext; written: string[] } {
  const written: string[] = [];
  const stderr = { write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream;
  return { ctx: { cwd: "/", stdout: stderr, stderr, interactive, interrupted: new Promise(() => {}) }, written };
}

describe("progress lines", () => {
  it("draws a CSV read at most every 100 ms and clears the line when done", () => {
    const { ctx, written } = context(true);
    let now = 1_000;
    const line = createProgressLine(ctx, "Reading a.csv", () => now);
    line.update({ rowsRead: 5_000, bytesRead: 25, totalBytes: 100 });
    now += 50;
    line.update({ rowsRead: 10_000, bytesRead: 50, totalBytes: 100 });
    now += 60;
    line.update({ rowsRead: 20_000, bytesRead: 100, totalBytes: 100 });
    line.done();
    expect(written).toEqual([
      `\rReading a.csv [${"#".repeat(6)}${"-".repeat(18)}]  25%  5,000 rows\x1b[K`,
      `\rReading a.csv [${"#".repeat(24)}] 100%  20,000 rows\x1b[K`,
      "\r\x1b[2K",
    ]);
  });

  it("names each matching step with the user's file names, a new step at once", () => {
    const { ctx, written } = context(true);
    const now = 1_000;
    const progress = createMatchProgress(ctx, { left: "mine.csv", right: "partner.csv" }, () => now);
    progress.onProgress({ step: "normalize", of: "left", done: 0, total: 10 });
    progress.onProgress({ step: "normalize", of: "left", done: 5, total: 10 });
    progress.onProgress({ step: "duplicates", of: "right", done: 5, total: 10 });
    progress.onProgress({ step: "candidates", of: "match", done: 0, total: 0 });
    progress.onProgress({ step: "decide", of: "match", done: 1, total: 4 });
    progress.done();
    expect(written).toEqual([
      `\rMatching: normalizing mine.csv [${"-".repeat(24)}]   0%\x1b[K`,
      `\rMatching: finding duplicates in partner.csv [${"#".repeat(12)}${"-".repeat(12)}]  50%\x1b[K`,
      `\rMatching: finding candidate pairs [${"#".repeat(24)}] 100%\x1b[K`,
      `\rMatching: deciding matches [${"#".repeat(6)}${"-".repeat(18)}]  25%\x1b[K`,
      "\r\x1b[2K",
    ]);
  });

  it("writes nothing when stderr is not a terminal", () => {
    const { ctx, written } = context(false);
    const progress = createMatchProgress(ctx, { left: "a.csv", right: "b.csv" });
    progress.onProgress({ step: "index", of: "left", done: 1, total: 2 });
    progress.done();
    createProgressLine(ctx, "Reading a.csv").update({ rowsRead: 1, bytesRead: 1, totalBytes: 2 });
    expect(written).toEqual([]);
  });
});
