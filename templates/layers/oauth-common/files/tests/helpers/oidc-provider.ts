import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

import { presetTestIdp } from './preset-claims.js';

/** A client of the test provider: what it may ask for, and the extra claims its tokens carry. */
export interface TestClient {
  clientId: string;
  /** Scopes the client may obtain. */
  scopes: readonly string[];
  /** Roles and tenant, placed in its tokens where the upstream preset reads them. */
  roles?: readonly string[];
  tenant?: string;
}

export interface TestIdentityProviderOptions {
  /** Every scope any client may obtain. */
  scopes: readonly string[];
  clients: readonly TestClient[];
  /**
   * Format of the access tokens issued for a resource: self-contained JWTs (default) or opaque
   * handles that only introspection (RFC 7662) can resolve.
   */
  accessTokenFormat?: 'jwt' | 'opaque';
  /** Confidential clients that may only introspect tokens (a resource server's own credentials). */
  introspectors?: readonly string[];
  /**
   * Algorithm the JWT access tokens are signed with (default RS256). The key set publishes an RS256
   * and an ES256 key either way, as providers offering several algorithms do.
   */
  accessTokenAlgorithm?: 'RS256' | 'ES256';
}

/** A private signing key of the provider, with the public half published in its JWKS. */
interface SigningKey {
  kid: string;
  privateJwk: JWK;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicPem: string;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, mounted where the upstream preset
 * expects its issuer (e.g. /realms/<realm> for Keycloak). It issues JWT access tokens through the
 * client credentials grant with resource indicators (RFC 8707), so a token's audience is what the
 * preset's real provider puts there for the MCP endpoint it was requested for (the endpoint itself,
 * or an ID such as Entra's client ID). It can also sign hand-made tokens with its
 * own key for the cases a well-behaved provider never produces (expired, foreign audience...).
 * With `accessTokenFormat: 'opaque'` its tokens are opaque and resolved through its introspection
 * endpoint, which `introspectors` may call.
 */
export class TestIdentityProvider {
  /** Times the signing keys (JWKS) were downloaded. */
  jwksDownloads = 0;
  /** Times the introspection endpoint was called. */
  introspections = 0;
  #provider!: Provider;
  /** RS256 keys, the current one first. */
  #keys: SigningKey[] = [];
  #ellipticKey!: SigningKey;

  private constructor(
    readonly issuer: string,
    private readonly server: Server,
    private readonly options: TestIdentityProviderOptions,
  ) {}

  static async start(options: TestIdentityProviderOptions): Promise<TestIdentityProvider> {
    const app = express();
    const server = createServer(app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const idp = new TestIdentityProvider(`http://127.0.0.1:${port}${presetTestIdp.mountPath}`, server, options);
    app.use((req, _res, next) => {
      if (req.path === `${presetTestIdp.mountPath}/jwks`) idp.jwksDownloads += 1;
      if (req.path === `${presetTestIdp.mountPath}/token/introspection`) idp.introspections += 1;
      next();
    });
    if (idp.authorizationServer !== idp.issuer) {
      // An authorization server distinct from the issuer (Scalekit's per-resource one) publishes its
      // own RFC 8414 metadata, naming itself as issuer, with the provider's endpoints.
      app.get(`/.well-known/oauth-authorization-server${new URL(idp.authorizationServer).pathname}`, async (_req, res) => {
        const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
        res.json({ ...metadata, issuer: idp.authorizationServer });
      });
    }
    // The provider is looked up per request so that key rotation can replace it in place.
    app.use(presetTestIdp.mountPath, (req, res) => idp.#provider.callback()(req, res));
    idp.#keys = [await newSigningKey('RS256')];
    idp.#ellipticKey = await newSigningKey('ES256');
    idp.#provider = idp.#createProvider();
    return idp;
  }

  /** Where MCP clients are sent to obtain tokens: the issuer itself, unless the preset names another authorization server. */
  get authorizationServer(): string {
    return presetTestIdp.authorizationServer(this.issuer);
  }

  /** The audience of the tokens this provider issues for `resource`, as the real provider would put it. */
  audienceFor(resource: string): string {
    return presetTestIdp.tokenAudience(resource);
  }

  /** How a client asks this provider for `scope` of the MCP server (Entra: prefixed with the Application ID URI). */
  requestableScope(scope: string): string {
    return presetTestIdp.requestableScope(scope);
  }

  /** Settings that point the MCP server at this provider. */
  get serverEnv(): Record<string, string> {
    return presetTestIdp.serverEnv(this.issuer);
  }

  /** The RS256 key tokens are signed with now. */
  get currentKey(): SigningKey {
    const key = this.#keys[0];
    if (key === undefined) throw new Error('the provider has no signing key');
    return key;
  }

  /** A new RS256 key signs from now on; the previous one stays published, as in a real rotation. */
  async rotateKeys(): Promise<void> {
    this.#keys = [await newSigningKey('RS256'), ...this.#keys];
    this.#provider = this.#createProvider();
  }

  /** Obtains an access token for `resource` through the token endpoint (client credentials grant). */
  async issueToken(clientId: string, resource: string, scopes?: readonly string[]): Promise<string> {
    const client = this.#client(clientId);
    const scope = (scopes ?? client.scopes).map(presetTestIdp.requestableScope).join(' ');
    const body = new URLSearchParams({ grant_type: 'client_credentials', resource, ...(scope !== '' && { scope }) });
    const response = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: { authorization: basicAuthorization(clientId, clientSecret(clientId)), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const result = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!response.ok || result.access_token === undefined) throw new Error(`token request failed: ${result.error}: ${result.error_description}`);
    return result.access_token;
  }

  /** Revokes a token at the revocation endpoint (RFC 7009), as its client would. */
  async revoke(clientId: string, token: string): Promise<void> {
    const response = await fetch(`${this.issuer}/token/revocation`, {
      method: 'POST',
      headers: { authorization: basicAuthorization(clientId, clientSecret(clientId)), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
    });
    if (!response.ok) throw new Error(`revocation failed with HTTP ${response.status}`);
  }

  /**
   * Signs arbitrary claims with the provider's current key (or `key`), for tokens a real provider
   * would not issue. Claims default to a valid token for `resource`; pass `undefined` to drop one.
   */
  async mint(resource: string, claims: Record<string, unknown> = {}, options: { key?: SigningKey; alg?: string } = {}): Promise<string> {
    const key = options.key ?? this.currentKey;
    const now = Math.floor(Date.now() / 1000);
    const payload = Object.fromEntries(
      Object.entries({ iss: this.issuer, sub: 'hand-made', aud: this.audienceFor(resource), iat: now, exp: now + 300, client_id: 'hand-made', scope: '', ...claims }).filter(
        ([, value]) => value !== undefined,
      ),
    ) as JWTPayload;
    return new SignJWT(payload).setProtectedHeader({ alg: options.alg ?? 'RS256', kid: key.kid, typ: 'at+jwt' }).sign(key.privateKey);
  }

  /** Lets the test process exit while the provider still listens. */
  unref(): void {
    this.server.unref();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #client(clientId: string): TestClient {
    const client = this.options.clients.find((candidate) => candidate.clientId === clientId);
    if (client === undefined) throw new Error(`unknown test client ${clientId}`);
    return client;
  }

  #createProvider(): Provider {
    const allScopes = this.options.scopes.map(presetTestIdp.requestableScope).join(' ');
    const opaque = this.options.accessTokenFormat === 'opaque';
    const configuration: Configuration = {
      clients: [
        ...this.options.clients.map((client) => ({
          client_id: client.clientId,
          client_secret: clientSecret(client.clientId),
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
          ...(client.scopes.length > 0 && { scope: client.scopes.map(presetTestIdp.requestableScope).join(' ') }),
        })),
        ...(this.options.introspectors ?? []).map((clientId) => ({
          client_id: clientId,
          client_secret: clientSecret(clientId),
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
        })),
      ],
      scopes: this.options.scopes.map(presetTestIdp.requestableScope),
      jwks: { keys: [...this.#keys, this.#ellipticKey].map((key) => key.privateJwk) },
      cookies: { keys: ['test-cookie-key'] },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        // Only the resource servers' own clients may ask about tokens; a client may revoke only its own.
        introspection: { enabled: true, allowedPolicy: async (_ctx, client) => (this.options.introspectors ?? []).includes(client.clientId) },
        revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
        resourceIndicators: {
          enabled: true,
          getResourceServerInfo: async (_ctx, resourceIndicator) => ({
            audience: presetTestIdp.tokenAudience(resourceIndicator),
            scope: allScopes,
            ...(opaque ? { accessTokenFormat: 'opaque' as const } : { accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: this.options.accessTokenAlgorithm ?? 'RS256' } } }),
          }),
        },
      },
      extraTokenClaims: async (_ctx, token) => {
        const client = this.options.clients.find((candidate) => candidate.clientId === token.clientId);
        if (client === undefined) return undefined;
        const claims = presetTestIdp.callerClaims({
          ...(client.roles !== undefined && { roles: client.roles }),
          ...(client.tenant !== undefined && { tenant: client.tenant }),
          grantedScopes: typeof token.scope === 'string' ? token.scope.split(' ').filter((scope) => scope !== '') : [],
        });
        // A client credentials token acts for the client itself; JWTs name it in `sub`, introspection does not by default.
        return opaque ? { ...claims, sub: client.clientId } : claims;
      },
    };
    return new Provider(this.issuer, configuration);
  }
}

function clientSecret(clientId: string): string {
  return `${clientId}-secret`;
}

/** HTTP Basic credentials of an OAuth client (RFC 6749 section 2.3.1: both parts form-encoded first). */
function basicAuthorization(clientId: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

async function newSigningKey(alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = crypto.randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  return { kid, privateJwk, privateKey, publicPem: await exportSPKI(publicKey) };
}

/** Credentials of a test client, for an OAuth client library. */
export function testClientCredentials(clientId: string): { clientId: string; clientSecret: string } {
  return { clientId, clientSecret: clientSecret(clientId) };
}
