import { describe, expect, it } from "vitest";
import { HubSpotRateLimiter } from "./rate-limiter.ts";

function fakeClock() {
  const clock = { t: 0, slept: [] as number[], now: () => clock.t, sleep: async (ms: number) => {
    clock.slept.push(ms);
    clock.t += ms;
  } };
  return clock;
}

describe("HubSpotRateLimiter", () => {
  it("spaces standard calls to the rolling 10-second burst and search calls per second", async () => {
    const clock = fakeClock();
    const limiter = new HubSpotRateLimiter({ burstPerTenSeconds: 2, searchPerSecond: 1, daily: 100 }, clock);
    for (let i = 0; i < 3; i++) {
      await limiter.acquire("standard");
      limiter.complete("standard");
    }
    expect(clock.t).toBe(10_001);
    await limiter.acquire("search");
    limiter.complete("search");
    await limiter.acquire("search");
    expect(clock.t).toBe(11_002);
  });

  it("stops with quota_exhausted once the daily allowance is used, counting HubSpot's own figure", async () => {
    const limiter = new HubSpotRateLimiter({ burstPerTenSeconds: 10, searchPerSecond: 5, daily: 10 }, fakeClock());
    limiter.syncDaily(1);
    await limiter.acquire("standard");
    limiter.complete("standard");
    await expect(limiter.acquire("standard")).rejects.toMatchObject({ code: "quota_exhausted" });
  });

  it("a signal ends the wait for a window at once", async () => {
    const clock = { now: () => 0, sleep: () => new Promise<void>(() => {}) };
    const limiter = new HubSpotRateLimiter({ burstPerTenSeconds: 1, searchPerSecond: 1, daily: 100 }, clock);
    await limiter.acquire("standard");
    limiter.complete("standard");
    const stop = new AbortController();
    const waiting = limiter.acquire("standard", stop.signal);
    stop.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
  });
});
