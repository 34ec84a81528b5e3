import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express, { type Request, type Response } from 'express';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

import { presetTestIdp } from './preset-claims.js';
import { signedInApi } from './signed-in-api.js';
import { UserAgent, type HtmlForm } from './user-agent.js';

/** A person who can sign in at the test upstream. Their account id is their username. */
export interface UpstreamUser {
  username: string;
  name: string;
  email: string;
  /** Given in the claims where the upstream preset carries them (presetTestIdp.callerClaims). */
  roles?: readonly string[];
  tenant?: string;
}

export interface TestUpstreamOptions {
  /** Where the upstream may send users back with a code: the MCP server's upstream callback. */
  redirectUris: readonly string[];
  /** How the server's client authenticates at the token endpoint (default client_secret_basic). */
  clientAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none';
  users?: readonly UpstreamUser[];
  /** Every refresh replaces the refresh token, and reusing a replaced one ends the grant (NetSuite, Salesforce). */
  singleUseRefreshTokens?: boolean;
  /** Lifetime of access tokens (default one hour). */
  accessTokenTtlSeconds?: number;
  /** Added to every successful token response, beyond what the preset's API adds (signedInApi.tokenResponseFields). */
  extraTokenFields?: Readonly<Record<string, string>>;
  /**
   * More paths of the provider's endpoints: a request to a key (a path of the upstream's origin) is
   * served as one to its value (a path below the issuer), e.g. Entra's multi-tenant endpoints.
   */
  endpointAliases?: Readonly<Record<string, string>>;
}

/** One request to the token endpoint, as the upstream saw it. */
export interface TokenRequest {
  grantType: string | undefined;
  status: number;
  /** The OAuth error it was answered with. */
  error?: string;
}

export const TEST_UPSTREAM_CLIENT = { clientId: 'mcp-server', clientSecret: 'mcp-server-secret' } as const;

/** Carol holds roles and belongs to a tenant at the upstream. */
export const CAROL = { username: 'carol', name: 'Carol Clark', email: 'carol@example.com', roles: ['auditor', 'approver'], tenant: 'acme' } as const satisfies UpstreamUser;

const DEFAULT_USERS: readonly UpstreamUser[] = [
  { username: 'alice', name: 'Alice Adams', email: 'alice@example.com' },
  { username: 'bob', name: 'Bob Brown', email: 'bob@example.com' },
  CAROL,
];

/** The claims in which the preset's identity provider gives roles and tenant, released with the openid scope. */
const IDENTITY_CLAIMS = Object.keys(presetTestIdp.callerClaims({ roles: ['first', 'second'], tenant: 'tenant' }));

/** The password of a test user at the upstream's login page. */
export function upstreamPassword(username: string): string {
  return `${username}-password`;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 playing the upstream a user signs in
 * at: authorization code flow with PKCE and refresh tokens for one confidential client, login and
 * consent pages a headless user agent can fill in, and a small API (GET /api/me, and items where the
 * preset's tools read them, signedInApi.itemRoute) that accepts the access tokens it issued and
 * records whose token each call carried. Where the preset's upstream has no OpenID Connect
 * (signedInApi.oauthOnly), requests without openid are answered as that upstream answers them.
 */
export class TestUpstream {
  /** Every request to the token endpoint, in order. */
  readonly tokenRequests: TokenRequest[] = [];
  /** Every API call that carried a valid access token: the account it acted for. */
  readonly apiCalls: Array<{ accountId: string }> = [];
  readonly #grants = new Map<string, Set<string>>();
  readonly #users: readonly UpstreamUser[];
  #provider!: Provider;
  #redirectUris: readonly string[];
  #signingKey!: Record<string, unknown>;
  #keys!: { privateKey: CryptoKey; publicKey: CryptoKey };

  private constructor(
    readonly issuer: string,
    private readonly server: Server,
    private readonly options: TestUpstreamOptions,
  ) {
    this.#users = options.users ?? DEFAULT_USERS;
    this.#redirectUris = options.redirectUris;
  }

  static async start(options: TestUpstreamOptions): Promise<TestUpstream> {
    const app = express();
    const server = createServer(app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // Where the upstream preset expects its issuer (e.g. /realms/<realm> for Keycloak).
    const upstream = new TestUpstream(`http://127.0.0.1:${port}${presetTestIdp.mountPath}`, server, options);
    const mounted = express.Router();
    upstream.#keys = await generateKeyPair('RS256', { extractable: true });
    upstream.#signingKey = { ...(await exportJWK(upstream.#keys.privateKey)), kid: 'upstream-key', alg: 'RS256', use: 'sig' };
    upstream.#provider = upstream.#createProvider();
    upstream.#routes(mounted);
    // Looked up per request, so setRedirectUris can replace the provider in place.
    mounted.use((req, res) => upstream.#provider.callback()(req, res));
    for (const [alias, target] of Object.entries(options.endpointAliases ?? {})) {
      app.all(alias, (req, _res, next) => {
        const query = req.url.indexOf('?');
        req.url = `${presetTestIdp.mountPath}${target}${query === -1 ? '' : req.url.slice(query)}`;
        next();
      });
    }
    app.use(presetTestIdp.mountPath || '/', mounted);
    return upstream;
  }

  /** Scheme, host and port of the upstream, where its pages live. */
  get origin(): string {
    return new URL(this.issuer).origin;
  }

  /** The client this server is registered as, with its secret. */
  get client(): { clientId: string; clientSecret: string } {
    return { ...TEST_UPSTREAM_CLIENT };
  }

  /** Where users are sent to sign in: oidc-provider's own path, or the preset's (signedInApi.oauthOnly). */
  get authorizationEndpoint(): string {
    return `${this.issuer}${signedInApi.oauthOnly?.authorizationPath ?? '/auth'}`;
  }

  /** Where codes and refresh tokens are redeemed. */
  get tokenEndpoint(): string {
    return `${this.issuer}${signedInApi.oauthOnly?.tokenPath ?? '/token'}`;
  }

  /** The upstream API's "who am I" endpoint. */
  get apiUrl(): string {
    return `${this.issuer}/api/me`;
  }

  /** Base URL of the upstream's REST API of collections (<url>/<collection>/<id>), for UPSTREAM_API_URL. */
  get restApiUrl(): string {
    return `${this.issuer}/api`;
  }

  /** Refresh token requests so far. */
  get refreshes(): number {
    return this.tokenRequests.filter((request) => request.grantType === 'refresh_token').length;
  }

  /**
   * Fills the upstream's pages as `username` would: the login form with their password, then the
   * consent form, approving unless told to decline. For UserAgent.follow's `fillForm`.
   */
  signInAs(username: string, options: { consent?: 'approve' | 'decline' } = {}): (form: HtmlForm) => Record<string, string> | undefined {
    return (form): Record<string, string> | undefined => {
      if (form.action.origin !== this.origin) return undefined;
      if ('login' in form.fields) return { login: username, password: upstreamPassword(username) };
      return { decision: options.consent ?? 'approve' };
    };
  }

  /**
   * Takes `authorizationUrl` through sign-in and consent as `username` in a new (or the given) user
   * agent, and resolves the callback URL the upstream sends the user back to, without visiting it.
   */
  async authorize(authorizationUrl: URL, username: string, options: { consent?: 'approve' | 'decline'; agent?: UserAgent } = {}): Promise<URL> {
    const agent = options.agent ?? new UserAgent();
    const redirectUris = this.#redirectUris.map((uri) => new URL(uri));
    const isCallback = (url: URL) => redirectUris.some((uri) => url.origin === uri.origin && url.pathname === uri.pathname);
    const { url } = await agent.follow(authorizationUrl, { until: isCallback, fillForm: this.signInAs(username, options) });
    return url;
  }

  /**
   * Registers other callback URLs for the client (the MCP server's, once it listens and its port is
   * known). Users, grants and tokens stay: the provider's state outlives the change.
   */
  setRedirectUris(redirectUris: readonly string[]): void {
    this.#redirectUris = redirectUris;
    this.#provider = this.#createProvider();
  }

  /** Ends every grant `username` gave: their refresh and access tokens stop working (invalid_grant). */
  async revokeGrants(username: string): Promise<void> {
    for (const grantId of this.#grants.get(username) ?? []) {
      const grant = await this.#provider.Grant.find(grantId);
      await grant?.destroy();
    }
    this.#grants.delete(username);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #user(username: unknown): UpstreamUser | undefined {
    return this.#users.find((user) => user.username === username);
  }

  #routes(app: express.Router): void {
    const form = express.urlencoded({ extended: false });
    app.get('/interaction/:uid', async (req, res) => {
      const { prompt, params } = await this.#provider.interactionDetails(req, res);
      const uid = String(req.params.uid);
      if (prompt.name === 'login') return void res.type('html').send(loginPage(uid));
      res.type('html').send(consentPage(uid, String(params.client_id), String(params.scope ?? '')));
    });
    app.post('/interaction/:uid/login', form, async (req, res) => {
      const user = this.#user(req.body.login);
      if (user === undefined || req.body.password !== upstreamPassword(user.username)) {
        return void res.status(401).type('html').send(loginPage(String(req.params.uid), 'Unknown user or wrong password.'));
      }
      await this.#provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
    });
    app.post('/interaction/:uid/confirm', form, async (req, res) => this.#consent(req, res));
    // The upstream's API: who the bearer of a token is (/api/me) and items of collections, which
    // name the user they were read as, so tests see whose token each call carried.
    app.get(['/api/me', signedInApi.itemRoute], async (req, res) => {
      const token = await this.#ownToken(/^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1]);
      const accessToken = token === undefined ? undefined : await this.#provider.AccessToken.find(token);
      const grant = accessToken?.grantId === undefined ? undefined : await this.#provider.Grant.find(accessToken.grantId);
      const user = this.#user(accessToken?.accountId);
      if (accessToken === undefined || grant === undefined || user === undefined) return void signedInApi.refuse(res);
      this.apiCalls.push({ accountId: user.username });
      if (req.params.id === undefined) return void res.json({ sub: user.username, name: user.name, email: user.email });
      res.json({ id: req.params.id, collection: req.params.collection, readAs: user.username });
    });
  }

  /**
   * The provider's own token behind a bearer token: itself, or the one a JWT access token
   * (answersAsPlainOAuth) stands for, once its signature checks out.
   */
  async #ownToken(bearer: string | undefined): Promise<string | undefined> {
    if (bearer === undefined || bearer.split('.').length !== 3) return bearer;
    const verified = await jwtVerify(bearer, this.#keys.publicKey, { issuer: this.issuer }).catch(() => undefined);
    return verified?.payload.jti;
  }

  async #consent(req: Request, res: Response): Promise<void> {
    const details = await this.#provider.interactionDetails(req, res);
    if (req.body.decision !== 'approve') {
      await this.#provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user declined.' }, { mergeWithLastSubmission: true });
      return;
    }
    const accountId = String(details.session?.accountId);
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant = (details.grantId === undefined ? undefined : await this.#provider.Grant.find(details.grantId)) ?? new this.#provider.Grant({ accountId, clientId: String(details.params.client_id) });
    if (missing.missingOIDCScope !== undefined) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims !== undefined) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    this.#grants.set(accountId, (this.#grants.get(accountId) ?? new Set()).add(grantId));
    await this.#provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  #createProvider(): Provider {
    const { oauthOnly } = signedInApi;
    const singleUse = this.options.singleUseRefreshTokens === true;
    const authMethod = this.options.clientAuthMethod ?? 'client_secret_basic';
    const configuration: Configuration = {
      clients: [
        {
          client_id: TEST_UPSTREAM_CLIENT.clientId,
          ...(authMethod !== 'none' && { client_secret: TEST_UPSTREAM_CLIENT.clientSecret }),
          token_endpoint_auth_method: authMethod,
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: [...this.#redirectUris],
        },
      ],
      jwks: { keys: [this.#signingKey] },
      cookies: { keys: ['test-upstream-cookie-key'] },
      interactions: { url: (_ctx, interaction) => `${presetTestIdp.mountPath}/interaction/${interaction.uid}` },
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      claims: { openid: ['sub', ...IDENTITY_CLAIMS], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
      findAccount: async (_ctx, id) => {
        const user = this.#user(id);
        if (user === undefined) return undefined;
        return {
          accountId: id,
          claims: async () => ({
            sub: id,
            name: user.name,
            preferred_username: user.username,
            email: user.email,
            email_verified: true,
            ...presetTestIdp.callerClaims({ ...(user.roles !== undefined && { roles: user.roles }), ...(user.tenant !== undefined && { tenant: user.tenant }) }),
          }),
        };
      },
      features: { devInteractions: { enabled: false }, revocation: { enabled: true }, ...(oauthOnly !== undefined && { resourceIndicators: plainOAuthGrants(oauthOnly.scopes) }) },
      // An upstream without OpenID Connect has its endpoints where the preset expects them.
      ...(oauthOnly !== undefined && { routes: { authorization: oauthOnly.authorizationPath, token: oauthOnly.tokenPath } }),
      pkce: { required: () => true },
      // Like most providers, a refresh token for every client allowed the grant, whatever the prompt;
      // and one that outlives the upstream's browser session.
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      expiresWithSession: async () => false,
      rotateRefreshToken: () => singleUse,
      ttl: {
        AccessToken: this.options.accessTokenTtlSeconds ?? 3600,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 600,
        Session: 24 * 3600,
        Grant: 14 * 24 * 3600,
        RefreshToken: 14 * 24 * 3600,
      },
    };
    const provider = new Provider(this.issuer, configuration);
    provider.use(async (ctx, next) => this.#tokenEndpoint(ctx as KoaContextWithOIDC, next));
    provider.use(withoutIssInRedirects);
    return provider;
  }

  /** Records each token request and adds the extra response fields. */
  async #tokenEndpoint(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
    await next();
    if (ctx.oidc?.route !== 'token') return;
    const body = ctx.body as Record<string, unknown> | undefined;
    const error = typeof body?.error === 'string' ? body.error : undefined;
    this.tokenRequests.push({ grantType: ctx.oidc.params?.grant_type as string | undefined, status: ctx.status, ...(error !== undefined && { error }) });
    if (ctx.status !== 200 || body === undefined) return;
    const accessToken = answersAsPlainOAuth(body.scope) && typeof body.access_token === 'string' ? await this.#asJwt(body.access_token) : body.access_token;
    ctx.body = { ...body, access_token: accessToken, ...signedInApi.tokenResponseFields(this.origin), ...this.options.extraTokenFields };
  }

  /** The provider's access token as an upstream without OpenID Connect issues it: a JWT naming the user. */
  async #asJwt(token: string): Promise<string> {
    const stored = await this.#provider.AccessToken.find(token);
    if (stored === undefined) throw new Error('the provider issued an access token it cannot find');
    return new SignJWT({ scope: stored.scope ?? '', client_id: stored.clientId })
      .setProtectedHeader({ alg: 'RS256', kid: 'upstream-key', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(String(stored.accountId))
      .setAudience(TEST_UPSTREAM_CLIENT.clientId)
      .setJti(token)
      .setIssuedAt()
      .setExpirationTime(stored.exp ?? Math.floor(Date.now() / 1000) + 3600)
      .sign(this.#keys.privateKey);
  }
}

/**
 * Whether a grant of `scope` is answered the way an upstream without OpenID Connect answers (see
 * signedInApi.oauthOnly): only where the preset's upstream is one, and only for grants that did not
 * ask for openid, so the same test upstream still plays a standard OpenID provider for OpenID requests.
 */
function answersAsPlainOAuth(scope: unknown): boolean {
  return signedInApi.oauthOnly !== undefined && !String(scope ?? '').split(' ').includes('openid');
}

/**
 * Grants of an upstream without OpenID Connect: requests without openid are for its API, whose
 * `scopes` they may ask for (oidc-provider grants scopes other than OpenID ones only for a resource).
 */
function plainOAuthGrants(scopes: readonly string[]): NonNullable<NonNullable<Configuration['features']>['resourceIndicators']> {
  const api = 'urn:test-upstream:api';
  return {
    enabled: true,
    defaultResource: (ctx) => (answersAsPlainOAuth(ctx.oidc.params?.scope) ? api : undefined),
    getResourceServerInfo: () => ({ scope: scopes.join(' '), accessTokenFormat: 'opaque' }),
    useGrantedResource: () => true,
  };
}

/** Authorization responses without RFC 9207's `iss`, as from an upstream that does not advertise it. */
async function withoutIssInRedirects(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next();
  if (!answersAsPlainOAuth(ctx.oidc?.params?.scope)) return;
  const location = ctx.response.get('location');
  if (location === '' || !URL.canParse(location)) return;
  const url = new URL(location);
  if (!url.searchParams.has('iss') || !url.searchParams.has('state')) return;
  url.searchParams.delete('iss');
  ctx.response.set('location', url.href);
}

function loginPage(uid: string, problem?: string): string {
  return page(
    'Sign in',
    `${problem === undefined ? '' : `<p role="alert">${problem}</p>`}
<form method="post" action="${presetTestIdp.mountPath}/interaction/${encodeURIComponent(uid)}/login">
  <label>Username <input type="text" name="login" autofocus></label>
  <label>Password <input type="password" name="password"></label>
  <button type="submit">Sign in</button>
</form>`,
  );
}

function consentPage(uid: string, clientId: string, scope: string): string {
  return page(
    'Allow access?',
    `<p>${escapeHtml(clientId)} asks for: ${escapeHtml(scope)}</p>
<form method="post" action="${presetTestIdp.mountPath}/interaction/${encodeURIComponent(uid)}/confirm">
  <button type="submit" name="decision" value="approve">Allow</button>
  <button type="submit" name="decision" value="decline">Decline</button>
</form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
