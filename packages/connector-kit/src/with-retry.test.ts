import { describe, expect, it } from "vitest";
import { ConnectorError } from "./connector-error.ts";
import { abandonOnAbort, computeRetryDelay, sleepUnlessAborted, withRetry } from "./with-retry.ts";

const transient = (retryAfterMs?: number) => new ConnectorError("provider_error", "503", { provider: "test", retryAfterMs });

describe("computeRetryDelay", () => {
  it.each([
    [1, 0.5, undefined, 50],
    [3, 0.5, undefined, 200],
    [10, 0.999, undefined, 999],
    [1, 0, 5000, 5000],
    [2, 1, 10, 199],
  ])("attempt %i with random %f and Retry-After %s waits %i ms", (attempt, r, retryAfterMs, expected) => {
    const delay = computeRetryDelay(attempt, { baseDelayMs: 100, maxDelayMs: 1000, retryAfterMs, random: () => Math.min(r, 0.999) });
    expect(delay).toBe(expected);
  });
});

describe("withRetry", () => {
  it("retries retryable errors with jittered backoff, honouring Retry-After, then succeeds", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw transient();
        if (calls === 2) throw transient(3000);
        return "ok";
      },
      { baseDelayMs: 100, sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    );
    expect(result).toBe("ok");
    expect(waits).toEqual([50, 3000]);
  });

  it("rethrows non-retryable errors at once", async () => {
    let calls = 0;
    const error = new ConnectorError("auth_expired", "expired", { provider: "test" });
    await expect(
      withRetry(async () => {
        calls++;
        throw error;
      }, { sleep: async () => {} }),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
  });

  it("gives up after the configured retries with the last error", async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw transient();
      }, { retries: 2, sleep: async () => {} }),
    ).rejects.toMatchObject({ code: "provider_error" });
    expect(calls).toBe(3);
  });

  it("stops waiting when the signal aborts, with the last error", async () => {
    const stop = new AbortController();
    let calls = 0;
    const error = transient();
    const pending = withRetry(
      async () => {
        calls++;
        throw error;
      },
      // A wait that never ends on its own: only the abort can end it.
      { signal: stop.signal, sleep: () => new Promise(() => {}), onRetry: () => queueMicrotask(() => stop.abort()) },
    );
    await expect(pending).rejects.toBe(error);
    expect(calls).toBe(1);
  });
});

describe("sleepUnlessAborted", () => {
  it("waits out the sleep without a signal or when none aborts, and not at all once aborted", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    await sleepUnlessAborted(sleep, 10, undefined);
    await sleepUnlessAborted(sleep, 20, new AbortController().signal);
    await sleepUnlessAborted(sleep, 30, AbortSignal.abort());
    expect(waits).toEqual([10, 20]);
  });

  it("passes a failing sleep's error on", async () => {
    const failure = new Error("timer gone");
    await expect(sleepUnlessAborted(() => Promise.reject(failure), 10, new AbortController().signal)).rejects.toBe(failure);
  });
});

describe("abandonOnAbort", () => {
  it("passes the outcome on, or rejects with the signal's reason at once when it aborts first", async () => {
    await expect(abandonOnAbort(Promise.resolve(1), undefined)).resolves.toBe(1);
    await expect(abandonOnAbort(Promise.resolve(2), new AbortController().signal)).resolves.toBe(2);
    const failure = new Error("answer lost");
    await expect(abandonOnAbort(Promise.reject(failure), new AbortController().signal)).rejects.toBe(failure);

    const stop = new AbortController();
    let answer!: (value: number) => void;
    const pending = abandonOnAbort(new Promise<number>((resolve) => (answer = resolve)), stop.signal);
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    answer(3); // the late answer is dropped
    await expect(abandonOnAbort(new Promise(() => {}), AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  });

  it("drops a late failure of abandoned work (no unhandled rejection)", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const stop = new AbortController();
      let fail!: (error: Error) => void;
      const pending = abandonOnAbort(new Promise<never>((_, reject) => (fail = reject)), stop.signal);
      stop.abort();
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
      fail(new Error("late"));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
