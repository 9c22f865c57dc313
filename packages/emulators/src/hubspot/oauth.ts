import { randomBytes } from "node:crypto";
import type { RouteResult } from "./errors.ts";
import { randomUUID } from "node:crypto";

export interface HubSpotOAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Access token lifetime (HubSpot: 1800 s). */
  accessTokenTtlSeconds: number;
}

function oauthError(status: string, message: string): RouteResult {
  // The OAuth endpoints answer with their own body shape (no category).
  return { status: 400, body: { status, message, correlationId: randomUUID() } };
}

function token(prefix: string): string {
  return `${prefix}-${randomBytes(18).toString("hex")}`;
}

/**
 * The account's tokens: one private-app token that never expires, plus OAuth access tokens issued from
 * authorization codes and refresh tokens (the refresh token stays the same across refreshes, as on HubSpot).
 */
export class TokenRegistry {
  private readonly codes = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private readonly accessTokens = new Map<string, number>();

  constructor(
    readonly app: HubSpotOAuthApp,
    readonly privateAppToken: string,
    private readonly now: () => number,
  ) {}

  /** What the user's consent on app.hubspot.com yields: a one-time code for the redirect URI. */
  issueAuthorizationCode(): string {
    const code = randomUUID();
    this.codes.add(code);
    return code;
  }

  /** Makes every OAuth access token issued so far expired (the private-app token is unaffected). */
  expireAccessTokens(): void {
    for (const key of this.accessTokens.keys()) this.accessTokens.set(key, 0);
  }

  /** "valid", "expired" or "unknown". */
  check(accessToken: string): "valid" | "expired" | "unknown" {
    if (accessToken === this.privateAppToken) return "valid";
    const expiresAt = this.accessTokens.get(accessToken);
    if (expiresAt === undefined) return "unknown";
    return expiresAt > this.now() ? "valid" : "expired";
  }

  /** POST /oauth/v1/token (form-encoded). */
  exchange(form: URLSearchParams): RouteResult {
    if (form.get("client_id") !== this.app.clientId) return oauthError("BAD_CLIENT_ID", "missing or invalid client_id");
    if (form.get("client_secret") !== this.app.clientSecret) {
      return oauthError("BAD_CLIENT_SECRET", "missing or invalid client_secret");
    }
    const grantType = form.get("grant_type");
    let refreshToken: string;
    if (grantType === "authorization_code") {
      const code = form.get("code") ?? "";
      if (form.get("redirect_uri") !== this.app.redirectUri) {
        return oauthError("BAD_REDIRECT_URI", "redirect_uri does not match the app's redirect URL");
      }
      if (!this.codes.delete(code)) return oauthError("BAD_AUTH_CODE", "missing or unknown auth code");
      refreshToken = token("na1-refresh");
      this.refreshTokens.add(refreshToken);
    } else if (grantType === "refresh_token") {
      refreshToken = form.get("refresh_token") ?? "";
      if (!this.refreshTokens.has(refreshToken)) return oauthError("BAD_REFRESH_TOKEN", "missing or unknown refresh token");
    } else {
      return oauthError("BAD_GRANT_TYPE", `unsupported grant_type '${grantType ?? ""}'`);
    }
    const accessToken = token("CL-access");
    this.accessTokens.set(accessToken, this.now() + this.app.accessTokenTtlSeconds * 1000);
    return {
      status: 200,
      body: {
        token_type: "bearer",
        access_token: accessToken,
        refresh_token: refreshToken,
        expires_in: this.app.accessTokenTtlSeconds,
      },
    };
  }
}
