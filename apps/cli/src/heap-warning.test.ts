import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { warnIfHeapTooSmall } from "./heap-warning.ts";
import type { CommandContext } from "./commands/types.ts";

function contextWithStderr(): { ctx: CommandContext; written: () => string } {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ctx: CommandContext = { cwd: "/", stdout: new PassThrough(), stderr, interactive: false, interrupted: new Promise(() => {}) };
  return { ctx, written: () => Buffer.concat(chunks).toString("utf8") };
}

describe("warnIfHeapTooSmall", () => {
  it("names the flag to use when two million accounts meet a 2 GB heap limit", async () => {
    const { ctx, written } = contextWithStderr();
    warnIfHeapTooSmall(ctx, "match", 2_000_000, 2048 * 1024 * 1024);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe(
      "mutual match: matching 2,000,000 accounts needs about 3,118 MB of heap, the limit is 2,048 MB; if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=4096\n",
    );
  });

  it("says nothing when the heap is large enough", async () => {
    const { ctx, written } = contextWithStderr();
    warnIfHeapTooSmall(ctx, "map", 20_000, 2048 * 1024 * 1024);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe("");
  });
});
