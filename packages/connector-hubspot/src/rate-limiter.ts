import { ConnectorError, sleepUnlessAborted } from "@mutual/connector-kit";

/** The account tier's limits, from configuration (HubSpot: burst per rolling 10 s, search per s, per day). */
export interface HubSpotLimits {
  burstPerTenSeconds: number;
  searchPerSecond: number;
  daily: number;
}

export type CallKind = "standard" | "search";

/** Call times inside one rolling window. */
class Window {
  private stamps: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  waitMs(now: number): number {
    this.stamps = this.stamps.filter((t) => t > now - this.windowMs);
    if (this.stamps.length < this.limit) return 0;
    return (this.stamps[0] as number) + this.windowMs - now + 1;
  }

  record(now: number): void {
    this.stamps.push(now);
  }
}

/**
 * Keeps the connector inside the tier so it does not receive 429s in normal operation: search calls
 * are spaced per second, other calls per rolling 10 s (HubSpot counts them separately), all against the
 * daily allowance. Calls are recorded when they complete, which is never earlier than HubSpot counted them.
 */
export class HubSpotRateLimiter {
  private readonly burst: Window;
  private readonly search: Window;
  private dailyUsed = 0;

  constructor(
    readonly limits: HubSpotLimits,
    private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> },
  ) {
    this.burst = new Window(limits.burstPerTenSeconds, 10_000);
    this.search = new Window(limits.searchPerSecond, 1_000);
  }

  /**
   * Waits until one more call of `kind` fits; throws quota_exhausted when the daily allowance is spent.
   * `signal` (a pull's) ends the wait at once, with the signal's reason.
   */
  async acquire(kind: CallKind, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.dailyUsed >= this.limits.daily) {
      throw new ConnectorError("quota_exhausted", `HubSpot daily API allowance of ${this.limits.daily} calls is used up`, {
        provider: "hubspot",
        retryable: false,
      });
    }
    const window = kind === "search" ? this.search : this.burst;
    for (let wait = window.waitMs(this.clock.now()); wait > 0; wait = window.waitMs(this.clock.now())) {
      await sleepUnlessAborted(this.clock.sleep, wait, signal);
      signal?.throwIfAborted();
    }
  }

  /** Records a call HubSpot answered (any status except a dropped connection). */
  complete(kind: CallKind): void {
    (kind === "search" ? this.search : this.burst).record(this.clock.now());
    this.dailyUsed++;
  }

  /** Adopts HubSpot's own count when a response reports the remaining daily allowance. */
  syncDaily(remaining: number): void {
    this.dailyUsed = Math.max(this.dailyUsed, this.limits.daily - remaining);
  }

  get dailyCallsUsed(): number {
    return this.dailyUsed;
  }
}
