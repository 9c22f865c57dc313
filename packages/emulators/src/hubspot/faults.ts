import type { HubSpotPolicyName } from "./rate-limits.ts";

/** A failure the emulator can be told to produce. */
export type HubSpotFault =
  /** A 429 with HubSpot's body for the policy; `Retry-After` in seconds when given. */
  | { kind: "rate-limit"; policyName: HubSpotPolicyName; retryAfterSeconds?: number }
  | { kind: "server-error"; status?: 500 | 502 | 503 | 504 }
  /** Delays the response, then answers normally. */
  | { kind: "slow"; delayMs: number }
  /** Closes the connection without an answer. */
  | { kind: "drop" }
  /** Batch read/update answers 207 with these ids failed (VALIDATION_ERROR), the rest applied. */
  | { kind: "record-errors"; ids: string[] };

export interface FaultRule {
  fault: HubSpotFault;
  /** Which requests it hits: method and a substring of the path (default: any). */
  method?: string;
  path?: string;
  /** How many matching requests it hits before it expires (default 1). */
  times?: number;
}

/** A queue of armed faults; each request takes at most the first matching one. */
export class FaultInjector {
  private readonly rules: { rule: FaultRule; remaining: number }[] = [];
  /** How many faults have fired, by kind. */
  readonly fired: Record<HubSpotFault["kind"], number> = {
    "rate-limit": 0,
    "server-error": 0,
    slow: 0,
    drop: 0,
    "record-errors": 0,
  };

  inject(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  get pending(): number {
    return this.rules.reduce((sum, r) => sum + r.remaining, 0);
  }

  take(method: string, path: string): HubSpotFault | undefined {
    const index = this.rules.findIndex(
      ({ rule, remaining }) =>
        remaining > 0 &&
        (!rule.method || rule.method.toUpperCase() === method) &&
        (!rule.path || path.includes(rule.path)),
    );
    const entry = this.rules[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.rules.splice(index, 1);
    this.fired[entry.rule.fault.kind]++;
    return entry.rule.fault;
  }
}
