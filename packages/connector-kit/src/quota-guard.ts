import type { QuotaUsage } from "./crm-connector.ts";
import { ConnectorError } from "./connector-error.ts";
import { sleepFor, sleepUnlessAborted } from "./with-retry.ts";

export type QuotaEvent =
  | { type: "slowing"; usage: QuotaUsage; delayMs: number }
  | { type: "paused"; usage: QuotaUsage; message: string }
  | { type: "resumed"; usage: QuotaUsage };

export interface QuotaGuardOptions {
  provider: string;
  /** Share of the daily allowance at which the sync pauses (default 0.8). */
  pauseAt?: number;
  /** Share at which calls start being spaced out (default pauseAt - 0.1). */
  slowAt?: number;
  /** Longest spacing between calls while slowing down, reached just below pauseAt (default 2000 ms). */
  maxSlowDelayMs?: number;
  /** How long to wait for the allowance to recover before giving up (default 0: stop at once). */
  maxPauseMs?: number;
  pollMs?: number;
  onEvent?: (event: QuotaEvent) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface QuotaGuard {
  readonly pauseAt: number;
  /**
   * Call before each provider API call with the latest known usage. Slows down near the threshold; at it,
   * waits for `refresh()` to report room (up to maxPauseMs) or throws a resumable `quota_exhausted` error.
   * `signal` (a pull's) ends a slowdown or a pause at once, with the signal's reason.
   */
  beforeCall(usage: QuotaUsage | undefined, refresh: () => Promise<QuotaUsage>, signal?: AbortSignal): Promise<void>;
}

export function describeUsage(usage: QuotaUsage): string {
  return `${usage.used}/${usage.limit} (${(usage.share * 100).toFixed(1)}%)`;
}

export function createQuotaGuard(options: QuotaGuardOptions): QuotaGuard {
  const pauseAt = options.pauseAt ?? 0.8;
  const slowAt = options.slowAt ?? Math.max(0, pauseAt - 0.1);
  const maxSlowDelayMs = options.maxSlowDelayMs ?? 2000;
  const maxPauseMs = options.maxPauseMs ?? 0;
  const pollMs = options.pollMs ?? 60_000;
  const sleep = options.sleep ?? sleepFor;
  const now = options.now ?? Date.now;
  const emit = options.onEvent ?? (() => {});

  // Pausing costs one call to re-read usage, so the guard stops while that call still fits under the
  // threshold: the sync itself never takes usage past pauseAt.
  const wouldCross = (usage: QuotaUsage) => usage.limit > 0 && usage.used + 2 > pauseAt * usage.limit;

  return {
    pauseAt,
    async beforeCall(usage, refresh, signal) {
      signal?.throwIfAborted();
      if (!usage || usage.limit <= 0) return;
      if (wouldCross(usage)) {
        // The known figure may be stale (the rolling 24-hour window moves on): re-read before pausing.
        let latest = await refresh();
        if (!wouldCross(latest)) return;
        const message =
          `sync paused: ${options.provider} API usage ${describeUsage(latest)} reached the ` +
          `${Math.round(pauseAt * 100)}% threshold of the daily allowance; resume from the last checkpoint once usage drops`;
        emit({ type: "paused", usage: latest, message });
        const deadline = now() + maxPauseMs;
        while (now() < deadline) {
          await sleepUnlessAborted(sleep, Math.min(pollMs, Math.max(0, deadline - now())), signal);
          signal?.throwIfAborted();
          latest = await refresh();
          if (!wouldCross(latest)) {
            emit({ type: "resumed", usage: latest });
            return;
          }
        }
        throw new ConnectorError("quota_exhausted", message, { provider: options.provider, retryable: false });
      }
      if (usage.share >= slowAt && pauseAt > slowAt) {
        // Spacing grows linearly from 0 at slowAt to maxSlowDelayMs at pauseAt.
        const delayMs = Math.round(Math.min(1, (usage.share - slowAt) / (pauseAt - slowAt)) * maxSlowDelayMs);
        if (delayMs > 0) {
          emit({ type: "slowing", usage, delayMs });
          await sleepUnlessAborted(sleep, delayMs, signal);
          signal?.throwIfAborted();
        }
      }
    },
  };
}
