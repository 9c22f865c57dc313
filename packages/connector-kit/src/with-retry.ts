import { isConnectorError } from "./connector-error.ts";

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Decides whether an error is worth another attempt; defaults to ConnectorError.retryable. */
  isRetryable?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Aborting ends a wait between attempts at once and makes the last error final. */
  signal?: AbortSignal;
}

export const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The outcome of `pending`, unless `signal` aborts first: then a rejection with the signal's reason, at once.
 * What `pending` stands for runs on (the CRM SDKs take no signal) and its late outcome is dropped, so use it
 * where an answer nobody waits for changes nothing: reads and waits, not writes.
 */
export function abandonOnAbort<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return pending;
  // A late rejection of the abandoned work must not surface as an unhandled rejection.
  pending.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error as Error);
      },
    );
  });
}

/**
 * Waits with `sleep`, but no longer than until `signal` aborts: a stopping sync does not sit out a backoff or a
 * poll interval (up to minutes in an outage). Resolves either way; the caller checks `signal.aborted`.
 */
export async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return;
  try {
    await abandonOnAbort(sleep(ms), signal);
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}

/**
 * Delay before retry `attempt` (1-based): exponential backoff with full jitter, never below a
 * server-requested Retry-After.
 */
export function computeRetryDelay(
  attempt: number,
  options: { baseDelayMs: number; maxDelayMs: number; retryAfterMs?: number; random: () => number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(options.random() * ceiling);
  return Math.max(jittered, options.retryAfterMs ?? 0);
}

/** Runs `fn`, retrying retryable failures with backoff; the last error is rethrown unchanged. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 4;
  const isRetryable = options.isRetryable ?? ((error) => isConnectorError(error) && error.retryable);
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= retries || !isRetryable(error) || options.signal?.aborted) throw error;
      const delayMs = computeRetryDelay(attempt + 1, {
        baseDelayMs: options.baseDelayMs ?? 250,
        maxDelayMs: options.maxDelayMs ?? 30_000,
        retryAfterMs: isConnectorError(error) ? error.retryAfterMs : undefined,
        random,
      });
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleepUnlessAborted(sleep, delayMs, options.signal);
      if (options.signal?.aborted) throw error;
    }
  }
}
