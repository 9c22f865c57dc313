import { describe, expect, it } from "vitest";
import type { QuotaUsage } from "./crm-connector.ts";
import { createQuotaGuard, type QuotaEvent } from "./quota-guard.ts";

const usage = (used: number, limit = 1000): QuotaUsage => ({ used, limit, share: used / limit });

describe("createQuotaGuard", () => {
  it("lets calls through well below the threshold and when usage is unknown", async () => {
    const events: QuotaEvent[] = [];
    const guard = createQuotaGuard({ provider: "crm", onEvent: (e) => events.push(e), sleep: async () => {} });
    await guard.beforeCall(undefined, async () => usage(0));
    await guard.beforeCall(usage(100), async () => usage(100));
    expect(events).toEqual([]);
  });

  it("spaces calls out between slowAt and pauseAt", async () => {
    const waits: number[] = [];
    const guard = createQuotaGuard({ provider: "crm", pauseAt: 0.8, slowAt: 0.7, maxSlowDelayMs: 1000, sleep: async (ms) => void waits.push(ms) });
    await guard.beforeCall(usage(750), async () => usage(750));
    expect(waits).toEqual([500]);
  });

  it("re-reads stale usage before pausing and continues when the window has moved on", async () => {
    const events: QuotaEvent[] = [];
    const guard = createQuotaGuard({ provider: "crm", onEvent: (e) => events.push(e), sleep: async () => {} });
    await guard.beforeCall(usage(900), async () => usage(10));
    expect(events.filter((e) => e.type === "paused")).toEqual([]);
  });

  it("pauses with a resumable quota_exhausted error that says why", async () => {
    const events: QuotaEvent[] = [];
    const guard = createQuotaGuard({ provider: "crm", onEvent: (e) => events.push(e), sleep: async () => {} });
    await expect(guard.beforeCall(usage(799), async () => usage(800))).rejects.toMatchObject({
      code: "quota_exhausted",
      retryable: false,
      message: "sync paused: crm API usage 800/1000 (80.0%) reached the 80% threshold of the daily allowance; resume from the last checkpoint once usage drops",
    });
    expect(events.map((e) => e.type)).toEqual(["paused"]);
  });

  it("waits for the allowance within maxPauseMs, then resumes", async () => {
    let clock = 0;
    const readings = [usage(800), usage(800), usage(300)];
    const events: QuotaEvent[] = [];
    const guard = createQuotaGuard({
      provider: "crm",
      maxPauseMs: 10_000,
      pollMs: 1000,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      onEvent: (e) => events.push(e),
    });
    await guard.beforeCall(usage(800), async () => readings.shift() ?? usage(300));
    expect(events.map((e) => e.type)).toEqual(["paused", "resumed"]);
    expect(clock).toBe(2000);
  });

  it("a signal ends a pause or a slowdown at once (a stopping sync does not wait for the allowance)", async () => {
    // A sleep that never ends by itself: only the signal can end the wait.
    const forever = () => new Promise<void>(() => {});
    let refreshed = 0;
    const paused = createQuotaGuard({ provider: "crm", maxPauseMs: 3_600_000, pollMs: 60_000, sleep: forever });
    const stop = new AbortController();
    const pause = paused.beforeCall(usage(800), async () => (refreshed++, usage(800)), stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await expect(pause).rejects.toMatchObject({ name: "AbortError" });
    expect(refreshed).toBe(1);

    const slowed = createQuotaGuard({ provider: "crm", pauseAt: 0.8, slowAt: 0.7, sleep: forever });
    const slowStop = new AbortController();
    const slow = slowed.beforeCall(usage(750), async () => usage(750), slowStop.signal);
    slowStop.abort();
    await expect(slow).rejects.toMatchObject({ name: "AbortError" });
    await expect(slowed.beforeCall(usage(100), async () => usage(100), slowStop.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});
