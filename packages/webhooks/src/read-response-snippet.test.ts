import { describe, expect, it } from "vitest";
import { readResponseSnippet } from "./read-response-snippet.ts";

describe("readResponseSnippet", () => {
  it("returns a short body whole", async () => {
    expect(await readResponseSnippet(new Response("nope").body, 500)).toBe("nope");
    expect(await readResponseSnippet(new Response(null, { status: 204 }).body, 500)).toBe("");
  });

  it("stops reading an endless body after maxChars and cancels the rest", async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode("x".repeat(100)));
      },
      cancel() {
        cancelled = true;
      },
    });
    const snippet = await readResponseSnippet(endless, 250);
    expect(snippet).toBe("x".repeat(250));
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});
