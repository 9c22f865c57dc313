import { z } from "zod";

export const BackoffOptionsSchema = z.object({
  /** Delay before the first retry (default 5 s). */
  baseMs: z.number().positive().default(5_000),
  /** Upper bound of any delay (default 1 h). */
  maxMs: z.number().positive().default(3_600_000),
  /** Share of the delay randomized away, 0..1 (default 0.2: delays are 80-100% of the exponential value). */
  jitter: z.number().min(0).max(1).default(0.2),
});
export type BackoffOptions = z.input<typeof BackoffOptionsSchema>;

/**
 * Exponential backoff with jitter: `base * 2^(attempt-1)`, capped at `max`, minus up to `jitter` of
 * it so workers that failed together do not retry together. `random` is injectable for tests.
 */
export function computeBackoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { baseMs, maxMs, jitter } = BackoffOptionsSchema.parse(options);
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 - jitter * random()));
}
