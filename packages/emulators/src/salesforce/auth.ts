import { createVerify, generateKeyPairSync, randomBytes } from "node:crypto";

export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** PEM private key of the connected app's certificate, for the JWT bearer flow. */
  jwtPrivateKey: string;
  jwtPublicKey: string;
}

interface Session {
  expiresAt: number;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

let keyPair: { privateKey: string; publicKey: string } | undefined;

/** One RSA key pair per process: generating it is the slowest part of starting an emulator. */
function connectedAppKeys(): { privateKey: string; publicKey: string } {
  if (!keyPair) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    keyPair = {
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
  }
  return keyPair;
}

export function createCredentials(seed: number): SalesforceCredentials {
  const { privateKey, publicKey } = connectedAppKeys();
  return {
    clientId: `3MVG9emulator${seed}.mutual`,
    clientSecret: `secret-${seed}-${randomBytes(8).toString("hex")}`,
    username: "integration@mutual-emulator.example",
    password: `pw-${randomBytes(6).toString("hex")}`,
    jwtPrivateKey: privateKey,
    jwtPublicKey: publicKey,
  };
}

const base64url = (text: string) => Buffer.from(text, "base64url").toString("utf8");

/**
 * OAuth 2.0 token service of the emulated org: password, authorization code, refresh token (with optional
 * rotation) and JWT bearer grants; access tokens expire after `tokenTtlMs`.
 */
export class TokenService {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Set<string>();
  private readonly codes = new Map<string, { redirectUri: string; expiresAt: number }>();

  constructor(
    private readonly credentials: SalesforceCredentials,
    private readonly options: { now: () => number; tokenTtlMs: number; rotateRefreshTokens: boolean; loginUrl: () => string },
  ) {}

  /** An approval code as /services/oauth2/authorize hands out after the admin consents. */
  issueAuthorizationCode(redirectUri: string): string {
    const code = `aPrx${randomBytes(12).toString("hex")}`;
    this.codes.set(code, { redirectUri, expiresAt: this.options.now() + 15 * 60_000 });
    return code;
  }

  isValid(accessToken: string | undefined): boolean {
    const session = accessToken ? this.sessions.get(accessToken) : undefined;
    return session !== undefined && session.expiresAt > this.options.now();
  }

  /** Invalidates every access token (refresh tokens survive), like an admin revoking sessions. */
  expireAllSessions(): void {
    this.sessions.clear();
  }

  /** Handles POST /services/oauth2/token; returns the JSON body. */
  grant(params: URLSearchParams, ids: { orgId: string; userId: string }): Record<string, string> {
    const grantType = params.get("grant_type");
    const clientOk = params.get("client_id") === this.credentials.clientId && params.get("client_secret") === this.credentials.clientSecret;
    let withRefresh = false;
    switch (grantType) {
      case "password":
        if (!clientOk) throw new OAuthError(400, "invalid_client", "invalid client credentials");
        if (params.get("username") !== this.credentials.username || !params.get("password")?.startsWith(this.credentials.password)) {
          throw new OAuthError(400, "invalid_grant", "authentication failure");
        }
        break;
      case "authorization_code": {
        if (!clientOk) throw new OAuthError(400, "invalid_client", "invalid client credentials");
        const code = this.codes.get(params.get("code") ?? "");
        this.codes.delete(params.get("code") ?? "");
        if (!code || code.expiresAt < this.options.now() || code.redirectUri !== params.get("redirect_uri")) {
          throw new OAuthError(400, "invalid_grant", "invalid authorization code");
        }
        withRefresh = true;
        break;
      }
      case "refresh_token": {
        if (params.get("client_id") !== this.credentials.clientId) throw new OAuthError(400, "invalid_client", "invalid client credentials");
        const token = params.get("refresh_token") ?? "";
        if (!this.refreshTokens.has(token)) throw new OAuthError(400, "invalid_grant", "expired access/refresh token");
        if (this.options.rotateRefreshTokens) {
          this.refreshTokens.delete(token);
          withRefresh = true;
        }
        break;
      }
      case "urn:ietf:params:oauth:grant-type:jwt-bearer":
        this.verifyAssertion(params.get("assertion") ?? "");
        break;
      default:
        throw new OAuthError(400, "unsupported_grant_type", "grant type not supported");
    }
    const accessToken = `00D!${randomBytes(24).toString("base64url")}`;
    const issuedAt = this.options.now();
    this.sessions.set(accessToken, { expiresAt: issuedAt + this.options.tokenTtlMs });
    const loginUrl = this.options.loginUrl();
    const body: Record<string, string> = {
      access_token: accessToken,
      instance_url: loginUrl,
      id: `${loginUrl}/id/${ids.orgId}/${ids.userId}`,
      token_type: "Bearer",
      issued_at: String(issuedAt),
      signature: randomBytes(16).toString("base64"),
      scope: "api refresh_token",
    };
    if (withRefresh) {
      const refreshToken = `5Aep${randomBytes(24).toString("base64url")}`;
      this.refreshTokens.add(refreshToken);
      body.refresh_token = refreshToken;
    }
    return body;
  }

  /** RS256 JWT: iss = client id, sub = username, aud = login URL, exp in the future. */
  private verifyAssertion(assertion: string): void {
    const [header, payload, signature] = assertion.split(".");
    if (!header || !payload || !signature) throw new OAuthError(400, "invalid_grant", "invalid assertion");
    const verifier = createVerify("RSA-SHA256");
    verifier.update(`${header}.${payload}`);
    if (!verifier.verify(this.credentials.jwtPublicKey, Buffer.from(signature, "base64url"))) {
      throw new OAuthError(400, "invalid_grant", "invalid assertion signature");
    }
    const claims = JSON.parse(base64url(payload)) as { iss?: string; sub?: string; aud?: string; exp?: number };
    if (claims.iss !== this.credentials.clientId) throw new OAuthError(400, "invalid_client_id", "client identifier invalid");
    if (claims.sub !== this.credentials.username) throw new OAuthError(400, "invalid_grant", "user hasn't approved this consumer");
    if (!claims.exp || claims.exp * 1000 < this.options.now()) throw new OAuthError(400, "invalid_grant", "expired authorization code");
  }
}
