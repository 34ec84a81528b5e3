import {
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  type OAuthClientMetadata,
  type OAuthDiscoveryState,
  type OAuthClientProvider,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';

import type { RunningHttpServer } from '../../src/http/server.js';
import { upstreamPassword, type TestUpstream } from './upstream-provider.js';
import { UserAgent } from './user-agent.js';

/**
 * An MCP client that signs in with the SDK's own OAuth support, as a desktop host does: it keeps its
 * registration and tokens in memory, and "opens the browser" by recording the authorization URL.
 */
export class TestOAuthClient implements OAuthClientProvider {
  /** Where the host would listen for the authorization response; the user agent stops there. */
  readonly redirectUrl: string;
  authorizationUrl: URL | undefined;
  #information: StoredOAuthClientInformation | undefined;
  #tokens: StoredOAuthTokens | undefined;
  #verifier: string | undefined;
  #discovery: OAuthDiscoveryState | undefined;

  constructor(
    readonly name = 'Test MCP host',
    redirectUrl = 'http://127.0.0.1:33418/callback',
    readonly clientMetadataUrl?: string,
  ) {
    this.redirectUrl = redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation() {
    return this.#information;
  }
  saveClientInformation(information: StoredOAuthClientInformation) {
    this.#information = information;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: StoredOAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  // Kept so the SDK can check that the code comes back from the authorization server it went to.
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.#discovery = state;
  }
  discoveryState() {
    return this.#discovery;
  }
  codeVerifier() {
    if (this.#verifier === undefined) throw new Error('no code verifier saved');
    return this.#verifier;
  }
}

export interface SignInOptions {
  /** The user at the upstream (default alice). */
  username?: string;
  /** What the user answers on this server's consent page (default allow). */
  consent?: 'allow' | 'deny';
  /** What the user answers on the upstream's own consent page (default approve). */
  upstreamConsent?: 'approve' | 'decline';
  agent?: UserAgent;
  /** Sees each page of this server that asks the user something (the consent page). */
  onPage?: (html: string) => void;
}

export interface SignedIn {
  client: Client;
  /** Every URL the browser went through, the consent page included when it was shown. */
  visited: URL[];
}

/**
 * Connects `oauth` to `server` as a real host does: the first connection is refused with 401, the
 * SDK discovers the authorization server and registers (or presents its metadata document URL), the
 * user goes through this server's consent page and signs in at the upstream in the browser, and the
 * host exchanges the code and connects again.
 */
export async function signIn(server: Pick<RunningHttpServer, 'url'>, upstream: TestUpstream, oauth: TestOAuthClient, options: SignInOptions = {}): Promise<SignedIn> {
  const mcpUrl = new URL(`${server.url}/mcp`);
  const first = new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth });
  await expectUnauthorized(new Client({ name: oauth.name, version: '1.0.0' }).connect(first));
  if (oauth.authorizationUrl === undefined) throw new Error('the client was not sent to sign in');

  const username = options.username ?? 'alice';
  const agent = options.agent ?? new UserAgent();
  const { url, visited } = await agent.follow(oauth.authorizationUrl, {
    until: (next) => next.href.startsWith(oauth.redirectUrl),
    fillForm: (form, page) => {
      const upstreamAnswer = upstream.signInAs(username, { consent: options.upstreamConsent ?? 'approve' })(form);
      if (upstreamAnswer !== undefined || form.action.origin !== new URL(server.url).origin) return upstreamAnswer;
      options.onPage?.(page.html);
      return { decision: options.consent ?? 'allow' };
    },
  });
  if (url.searchParams.has('error')) throw new AuthorizationRefused(url.searchParams.get('error') ?? '', visited);
  await first.finishAuth(url.searchParams);

  const client = new Client({ name: oauth.name, version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth }));
  return { client, visited };
}

/** The authorization ended with an error sent back to the client (e.g. access_denied). */
export class AuthorizationRefused extends Error {
  constructor(
    readonly error: string,
    readonly visited: URL[],
  ) {
    super(`authorization refused: ${error}`);
  }
}

async function expectUnauthorized(connecting: Promise<void>): Promise<void> {
  try {
    await connecting;
  } catch (error) {
    if (error instanceof UnauthorizedError) return;
    throw error;
  }
  throw new Error('the server accepted a client that had not signed in');
}

export { upstreamPassword };
