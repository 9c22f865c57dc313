/** HubSpot's published limits per account tier (burst per rolling 10 s, search per second, per day). */
export interface HubSpotRateLimits {
  burstPerTenSeconds: number;
  searchPerSecond: number;
  daily: number;
}

export const HUBSPOT_TIERS = {
  free: { burstPerTenSeconds: 100, searchPerSecond: 5, daily: 250_000 },
  starter: { burstPerTenSeconds: 100, searchPerSecond: 5, daily: 250_000 },
  professional: { burstPerTenSeconds: 190, searchPerSecond: 5, daily: 625_000 },
  enterprise: { burstPerTenSeconds: 190, searchPerSecond: 5, daily: 1_000_000 },
} as const satisfies Record<string, HubSpotRateLimits>;

export type HubSpotPolicyName = "TEN_SECONDLY_ROLLING" | "SECONDLY" | "DAILY";

export type RateDecision =
  | { allowed: true }
  | { allowed: false; policyName: HubSpotPolicyName; retryAfterMs: number };

/** Timestamps of accepted calls inside a rolling window. */
class RollingWindow {
  private readonly stamps: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    while (this.head < this.stamps.length && (this.stamps[this.head] as number) <= now - this.windowMs) this.head++;
    if (this.head > 4096) {
      this.stamps.splice(0, this.head);
      this.head = 0;
    }
  }

  used(now: number): number {
    this.prune(now);
    return this.stamps.length - this.head;
  }

  /** Ms until one more call fits. */
  waitMs(now: number): number {
    this.prune(now);
    if (this.stamps.length - this.head < this.limit) return 0;
    return (this.stamps[this.head] as number) + this.windowMs - now;
  }

  record(now: number): void {
    this.stamps.push(now);
  }
}

const DAY_MS = 86_400_000;

/**
 * Enforces the account's limits the way HubSpot does: search calls have their own per-second limit, other
 * calls share the rolling 10-second burst; all count towards the daily allowance, which resets at midnight UTC.
 */
export class RateLimitEnforcer {
  private readonly burst: RollingWindow;
  private readonly search: RollingWindow;
  private day = -1;
  private dailyUsed = 0;

  constructor(readonly limits: HubSpotRateLimits) {
    this.burst = new RollingWindow(limits.burstPerTenSeconds, 10_000);
    this.search = new RollingWindow(limits.searchPerSecond, 1_000);
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dailyUsed = 0;
    }
  }

  /** Decides and, when allowed, records one call. */
  admit(now: number, isSearch: boolean): RateDecision {
    this.rollDay(now);
    if (this.dailyUsed >= this.limits.daily) {
      return { allowed: false, policyName: "DAILY", retryAfterMs: (this.day + 1) * DAY_MS - now };
    }
    const window = isSearch ? this.search : this.burst;
    const waitMs = window.waitMs(now);
    if (waitMs > 0) return { allowed: false, policyName: isSearch ? "SECONDLY" : "TEN_SECONDLY_ROLLING", retryAfterMs: waitMs };
    window.record(now);
    this.dailyUsed++;
    return { allowed: true };
  }

  /** Uses up part of today's allowance, e.g. to test behaviour near the daily limit. */
  consumeDaily(calls: number, now: number): void {
    this.rollDay(now);
    this.dailyUsed += calls;
  }

  usage(now: number): { dailyUsed: number; burstUsed: number } {
    this.rollDay(now);
    return { dailyUsed: this.dailyUsed, burstUsed: this.burst.used(now) };
  }
}
