import { Client } from "@hubspot/api-client";
import { AppError } from "@mutual/core";
import { translateHubSpotError } from "./translate-error.ts";

/** How the connector authenticates: a private-app token, or an OAuth app install (tokens from the caller). */
export type HubSpotAuth =
  | { kind: "private-app"; accessToken: string }
  | {
      kind: "oauth";
      clientId: string;
      clientSecret: string;
      refreshToken: string;
      accessToken?: string;
      /** Epoch ms; a token this close to expiry is refreshed before use. */
      expiresAt?: number;
    };

export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface OAuthAppConfig {
  basePath?: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

function toTokens(response: { accessToken: string; refreshToken: string; expiresIn: number }, nowMs: number): HubSpotTokens {
  return { accessToken: response.accessToken, refreshToken: response.refreshToken, expiresAt: nowMs + response.expiresIn * 1000 };
}

function oauthClient(basePath: string | undefined): Client {
  return new Client(basePath ? { basePath } : {});
}

/** Completes an app install: trades the authorization code from the redirect for tokens. */
export async function exchangeAuthorizationCode(
  config: OAuthAppConfig,
  code: string,
  now: () => number = Date.now,
): Promise<HubSpotTokens> {
  try {
    const response = await oauthClient(config.basePath).oauth.tokensApi.create(
      "authorization_code",
      code,
      config.redirectUri,
      config.clientId,
      config.clientSecret,
    );
    return toTokens(response, now());
  } catch (error) {
    throw new AppError("unauthorized", "HubSpot refused the authorization code", { cause: translateHubSpotError(error, now()) });
  }
}

/** Gets a fresh access token from a refresh token (HubSpot keeps the refresh token). */
export async function refreshAccessToken(
  config: Omit<OAuthAppConfig, "redirectUri">,
  refreshToken: string,
  now: () => number = Date.now,
): Promise<HubSpotTokens> {
  try {
    const response = await oauthClient(config.basePath).oauth.tokensApi.create(
      "refresh_token",
      undefined,
      undefined,
      config.clientId,
      config.clientSecret,
      refreshToken,
    );
    return toTokens(response, now());
  } catch (error) {
    throw new AppError("auth_expired", "HubSpot refused the refresh token; the app must be reinstalled", {
      cause: translateHubSpotError(error, now()),
    });
  }
}
