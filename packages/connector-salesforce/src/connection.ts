import { createSign } from "node:crypto";
import { Connection, OAuth2 } from "jsforce";

/** Salesforce API version used for every call (jsforce's default is older). */
export const SALESFORCE_API_VERSION = "62.0";

export interface OAuthClient {
  /** https://login.salesforce.com, https://test.salesforce.com or a My Domain / emulator URL. */
  loginUrl: string;
  clientId: string;
  clientSecret?: string;
  redirectUri?: string;
}

/** Tokens the app stores (encrypted) and hands back; the connector never persists them. */
export interface SalesforceTokens {
  accessToken: string;
  instanceUrl: string;
  refreshToken?: string;
}

/** How the connector authenticates; storage of secrets belongs to the caller. */
export type SalesforceAuth =
  /** Authorization-code tokens from the admin's consent; refreshed (and rotated) on expiry. */
  | { kind: "oauth"; client: OAuthClient; tokens: SalesforceTokens }
  /** JWT bearer flow for server-to-server use; a new assertion is signed on expiry. */
  | { kind: "jwt"; client: OAuthClient; username: string; privateKey: string }
  /** OAuth username-password flow (emulator, scripts). */
  | { kind: "password"; client: OAuthClient; username: string; password: string };

export interface ConnectionHooks {
  /** Called whenever new tokens are obtained (refresh rotation included), so the app can store them. */
  onTokens?: (tokens: SalesforceTokens) => void;
  /** Per-request timeout (default 120 s; jsforce's own default is 30 minutes). */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

type HttpRequest = (req: unknown, options?: Record<string, unknown>) => unknown;

/**
 * jsforce reads its only timeout setting (HTTP_TIMEOUT) once, at module load, but every request honours a
 * `timeout` option: give the connection's transport (private in jsforce 3.10) that default.
 */
function applyRequestTimeout(conn: Connection, timeoutMs: number): void {
  const transport = (conn as unknown as { _transport?: { httpRequest: HttpRequest } })._transport;
  if (!transport) throw new Error("jsforce Connection has no _transport: check the request timeout against this jsforce version");
  const httpRequest = transport.httpRequest.bind(transport);
  transport.httpRequest = (req, options = {}) => httpRequest(req, { timeout: timeoutMs, ...options });
}

function createOAuth2(client: OAuthClient): OAuth2 {
  return new OAuth2({
    loginUrl: client.loginUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
  });
}

/** URL the admin is sent to from the console to grant access (authorization-code flow). */
export function buildAuthorizationUrl(client: OAuthClient, state: string): string {
  return createOAuth2(client).getAuthorizationUrl({ scope: "api refresh_token", state });
}

/** Exchanges the code from the OAuth callback for tokens. */
export async function exchangeAuthorizationCode(client: OAuthClient, code: string): Promise<SalesforceTokens> {
  const res = await createOAuth2(client).requestToken(code);
  return { accessToken: res.access_token, instanceUrl: res.instance_url, refreshToken: res.refresh_token };
}

/** A signed RS256 JWT bearer assertion (iss = client id, sub = username, aud = login URL). */
export function signJwtAssertion(options: { clientId: string; username: string; audience: string; privateKey: string; nowMs: number }): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${encode({ alg: "RS256" })}.${encode({
    iss: options.clientId,
    sub: options.username,
    aud: options.audience,
    exp: Math.floor(options.nowMs / 1000) + 180,
  })}`;
  const signature = createSign("RSA-SHA256").update(body).sign(options.privateKey).toString("base64url");
  return `${body}.${signature}`;
}

type TokenResponse = { access_token: string; instance_url: string; refresh_token?: string; id: string };

/** Requests fresh tokens for the auth kind (used at connect and whenever a session expires). */
async function requestTokens(auth: SalesforceAuth, refreshToken: string | undefined, nowMs: number): Promise<TokenResponse> {
  const oauth2 = createOAuth2(auth.client);
  switch (auth.kind) {
    case "oauth":
      if (!refreshToken) throw new Error("session expired and no refresh token was provided");
      return (await oauth2.refreshToken(refreshToken)) as TokenResponse;
    case "password":
      return (await oauth2.authenticate(auth.username, auth.password)) as TokenResponse;
    case "jwt": {
      const assertion = signJwtAssertion({
        clientId: auth.client.clientId,
        username: auth.username,
        audience: auth.client.loginUrl,
        privateKey: auth.privateKey,
        nowMs,
      });
      return (await oauth2.requestToken({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion } as never)) as TokenResponse;
    }
  }
}

/**
 * A jsforce Connection pinned to SALESFORCE_API_VERSION that re-authenticates by itself on
 * INVALID_SESSION_ID and keeps the rotated refresh token (jsforce's own refresh drops it).
 */
export async function createSalesforceConnection(auth: SalesforceAuth, hooks: ConnectionHooks = {}): Promise<Connection> {
  let refreshToken = auth.kind === "oauth" ? auth.tokens.refreshToken : undefined;
  const apply = (conn: Connection, res: TokenResponse) => {
    if (res.refresh_token) refreshToken = res.refresh_token;
    conn.accessToken = res.access_token;
    conn.instanceUrl = res.instance_url;
    hooks.onTokens?.({ accessToken: res.access_token, instanceUrl: res.instance_url, refreshToken });
  };
  const conn: Connection = new Connection({
    oauth2: { loginUrl: auth.client.loginUrl, clientId: auth.client.clientId, clientSecret: auth.client.clientSecret, redirectUri: auth.client.redirectUri },
    version: SALESFORCE_API_VERSION,
    loginUrl: auth.client.loginUrl,
    ...(auth.kind === "oauth" ? { instanceUrl: auth.tokens.instanceUrl, accessToken: auth.tokens.accessToken } : { instanceUrl: auth.client.loginUrl }),
    refreshFn: (c, callback) => {
      requestTokens(auth, refreshToken, Date.now())
        .then((res) => {
          apply(c as Connection, res);
          callback(null, res.access_token, res as never);
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  applyRequestTimeout(conn, hooks.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  if (auth.kind !== "oauth") apply(conn, await requestTokens(auth, undefined, Date.now()));
  return conn;
}
