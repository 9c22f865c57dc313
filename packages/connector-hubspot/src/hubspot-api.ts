import { Client } from "@hubspot/api-client";
import { abandonOnAbort, ConnectorError, isConnectorError, sleepFor, withRetry } from "@mutual/connector-kit";
import { refreshAccessToken, type HubSpotAuth, type HubSpotTokens } from "./auth.ts";
import { HubSpotRateLimiter, type CallKind, type HubSpotLimits } from "./rate-limiter.ts";
import { translateHubSpotError } from "./translate-error.ts";

export interface HubSpotApiOptions {
  auth: HubSpotAuth;
  /** Where the API lives (the emulator's basePath in tests); default api.hubapi.com. */
  basePath?: string;
  limits: HubSpotLimits;
  /** Retries after the first attempt for rate limits, 5xx and dropped connections (default 6). */
  retries?: number;
  /** Per-call timeout (default 30 s): a stalled answer becomes a retryable provider_error instead of hanging the sync. */
  requestTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when OAuth tokens are refreshed, so the caller can store them. */
  onTokens?: (tokens: HubSpotTokens) => void;
}

export interface HubSpotCallStats {
  /** Requests sent, retries included. */
  apiCalls: number;
  /** 429 answers received. */
  rateLimited: number;
  retries: number;
}

/** Refresh an OAuth token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The SDK client behind our limiter, retry policy and error translation. The SDK's own retries are off: they
 * ignore Retry-After and only cover some 429 bodies; its Bottleneck limiter is off unless configured.
 */
export class HubSpotApi {
  readonly client: Client;
  readonly limiter: HubSpotRateLimiter;
  readonly stats: HubSpotCallStats = { apiCalls: 0, rateLimited: 0, retries: 0 };
  private auth: HubSpotAuth;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HubSpotApiOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleepFor;
    this.auth = options.auth;
    this.limiter = new HubSpotRateLimiter(options.limits, { now: this.now, sleep: this.sleep });
    this.client = new Client({
      ...(options.basePath ? { basePath: options.basePath } : {}),
      accessToken: options.auth.accessToken ?? "",
      numberOfApiCallRetries: 0,
      middleware: [
        {
          pre: (context) => context,
          // Successful answers reach us without headers; the daily allowance is read here.
          post: (context) => {
            const headers = (context as { headers?: Record<string, string> }).headers ?? {};
            const remaining = Number(headers["x-hubspot-ratelimit-daily-remaining"]);
            if (Number.isFinite(remaining) && headers["x-hubspot-ratelimit-daily-remaining"] !== undefined) {
              this.limiter.syncDaily(remaining);
            }
            return context;
          },
        },
      ],
    });
  }

  private async ensureFreshToken(force: boolean): Promise<void> {
    const auth = this.auth;
    if (auth.kind !== "oauth") return;
    const expiring = !auth.accessToken || (auth.expiresAt !== undefined && auth.expiresAt - REFRESH_MARGIN_MS <= this.now());
    if (!force && !expiring) return;
    const tokens = await refreshAccessToken(
      { basePath: this.options.basePath, clientId: auth.clientId, clientSecret: auth.clientSecret },
      auth.refreshToken,
      this.now,
    );
    this.auth = { ...auth, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt };
    this.client.setAccessToken(tokens.accessToken);
    this.options.onTokens?.(tokens);
  }

  /**
   * Runs one SDK call inside the limits. 429s wait as told (Retry-After, else the limit's window), 5xx and
   * dropped connections back off; an expired OAuth token is refreshed once. Other failures are thrown
   * as ConnectorError. `signal` (a pull's) ends a backoff wait at once, with the last error; the limiter's
   * wait for a window, or a call in flight (abandoned: the SDK takes no signal), with the signal's reason.
   */
  async call<T>(kind: CallKind, run: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let refreshed = false;
    return withRetry(
      async () => {
        await this.ensureFreshToken(false);
        await this.limiter.acquire(kind, signal);
        this.stats.apiCalls++;
        try {
          const result = await this.withTimeout(abandonOnAbort(run(this.client), signal));
          this.limiter.complete(kind);
          return result;
        } catch (error) {
          // Stopped while the call was in flight: the stop's reason, not a provider error to retry.
          if (signal?.aborted && error === signal.reason) throw error;
          const translated = translateHubSpotError(error, this.now());
          // A dropped connection may not have reached HubSpot; anything it answered counts.
          if (typeof (error as { code?: unknown }).code === "number") this.limiter.complete(kind);
          if (translated.code === "rate_limited") this.stats.rateLimited++;
          if (translated.code === "auth_expired" && this.auth.kind === "oauth" && !refreshed) {
            refreshed = true;
            await this.ensureFreshToken(true);
            throw Object.assign(translated, { retryable: true, retryAfterMs: 0 });
          }
          throw translated;
        }
      },
      {
        retries: this.options.retries ?? 6,
        baseDelayMs: 200,
        maxDelayMs: 15_000,
        sleep: this.sleep,
        signal,
        isRetryable: (error) => isConnectorError(error) && error.retryable,
        onRetry: () => {
          this.stats.retries++;
        },
      },
    );
  }

  /**
   * Rejects when the SDK call outlives requestTimeoutMs. The SDK takes no abort signal, so the stalled request
   * is abandoned (its socket closes when the server or the OS gives up), not cancelled.
   */
  private async withTimeout<T>(pending: Promise<T>): Promise<T> {
    const timeoutMs = this.options.requestTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConnectorError("provider_error", `HubSpot call timed out after ${timeoutMs} ms`, { provider: "hubspot", retryable: true })),
        timeoutMs,
      );
    });
    // A late rejection of the abandoned call must not surface as an unhandled rejection.
    pending.catch(() => undefined);
    try {
      return await Promise.race([pending, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
