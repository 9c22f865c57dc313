import { describe, expect, it } from "vitest";
import { computeBackoffDelay } from "./backoff.ts";
import { computeNextRun } from "./cadence.ts";

describe("computeBackoffDelay", () => {
  it("doubles per attempt up to the cap", () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => computeBackoffDelay(attempt, { baseMs: 100, maxMs: 1_000, jitter: 0 }));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it("stays within [1 - jitter, 1] of the exponential delay", () => {
    for (const r of [0, 0.25, 0.5, 0.999]) {
      const delay = computeBackoffDelay(3, { baseMs: 1_000, jitter: 0.2 }, () => r);
      expect(delay).toBeGreaterThanOrEqual(3_200);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});

describe("computeNextRun", () => {
  it("aligns slots to the epoch in UTC", () => {
    const at = new Date("2026-11-20T10:59:59.000Z");
    expect(computeNextRun("hourly", at).toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(computeNextRun("hourly", new Date("2026-11-20T11:00:00.000Z")).toISOString()).toBe("2026-11-20T12:00:00.000Z");
    expect(computeNextRun("every_5_minutes", at).toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(computeNextRun("daily", at).toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(() => computeNextRun("every_0_minutes", at)).toThrow(/unknown cadence/);
  });
});
