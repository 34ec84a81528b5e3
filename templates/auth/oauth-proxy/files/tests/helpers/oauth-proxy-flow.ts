import { createHash, randomBytes } from 'node:crypto';

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import type { RunningHttpServer } from '../../src/http/server.js';
import type { ProxyTestBed } from './oauth-proxy-server.js';
import { signedInApi } from './signed-in-api.js';
import { UserAgent } from './user-agent.js';

/**
 * The steps of an OAuth authorization at the server, one HTTP request each, for tests that bend one
 * of them (a wrong verifier, a replayed code, a forged form) where signIn() would take them all.
 */

export const CLIENT_REDIRECT = 'http://127.0.0.1:33418/callback';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers a public client (RFC 7591), as the MCP SDK does; resolves the response. */
export async function register(server: RunningHttpServer, metadata: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${server.url}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Test MCP host', redirect_uris: [CLIENT_REDIRECT], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none', ...metadata }),
  });
}

/** Registers a public client; resolves its client ID. */
export async function registerClient(server: RunningHttpServer, metadata: Record<string, unknown> = {}): Promise<{ clientId: string }> {
  const response = await register(server, metadata);
  if (response.status !== 201) throw new Error(`registration refused (HTTP ${response.status}): ${await response.text()}`);
  return { clientId: ((await response.json()) as { client_id: string }).client_id };
}

/**
 * The scope an MCP SDK client asks for: the protected resource's scopes_supported, plus
 * offline_access for a refresh token.
 */
export async function sdkScope(server: RunningHttpServer): Promise<string> {
  const metadata = (await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp`)).json()) as { scopes_supported?: string[] };
  return [...(metadata.scopes_supported ?? []), 'offline_access'].join(' ');
}

/**
 * The authorization request a client sends the browser to, as the MCP SDK builds it (which asks for
 * prompt=consent with offline_access); `params` override the defaults, or remove them when undefined.
 */
export async function authorizationUrl(server: RunningHttpServer, clientId: string, challenge: string, params: Record<string, string | undefined> = {}): Promise<URL> {
  const url = new URL(`${server.url}/oauth/authorize`);
  const all: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: CLIENT_REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: await sdkScope(server),
    prompt: 'consent',
    state: randomBytes(8).toString('hex'),
    resource: `${server.url}/mcp`,
    ...params,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

export interface Authorized {
  /** Where the browser was sent back to the client (with `code` or `error`), not visited. */
  callback: URL;
  visited: URL[];
  /** How many times this server's consent page was shown (and answered). */
  consentPages: number;
}

/**
 * Takes the browser through this server's consent page (answering `consent`) and the upstream's
 * sign-in as `username`, up to the redirect back to the client.
 */
export async function authorize(bed: ProxyTestBed, url: URL, options: { agent?: UserAgent; username?: string; consent?: 'allow' | 'deny' } = {}): Promise<Authorized> {
  const agent = options.agent ?? new UserAgent();
  const redirectUri = url.searchParams.get('redirect_uri') ?? CLIENT_REDIRECT;
  const serverOrigin = new URL(bed.server.url).origin;
  let consentPages = 0;
  const { url: callback, visited } = await agent.follow(url, {
    until: (next) => next.href.startsWith(redirectUri),
    fillForm: (form) => {
      const upstreamForm = bed.upstream.signInAs(options.username ?? 'alice')(form);
      if (upstreamForm !== undefined || form.action.origin !== serverOrigin) return upstreamForm;
      consentPages += 1;
      return { decision: options.consent ?? 'allow' };
    },
  });
  return { callback, visited, consentPages };
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** One POST to the token endpoint as a public client. */
export async function tokenRequest(server: RunningHttpServer, params: Record<string, string>): Promise<TokenAnswer> {
  const response = await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function exchangeCode(server: RunningHttpServer, clientId: string, code: string, verifier: string, redirectUri = CLIENT_REDIRECT): Promise<TokenAnswer> {
  return tokenRequest(server, { grant_type: 'authorization_code', client_id: clientId, code, code_verifier: verifier, redirect_uri: redirectUri, resource: `${server.url}/mcp` });
}

export function refresh(server: RunningHttpServer, clientId: string, refreshToken: string): Promise<TokenAnswer> {
  return tokenRequest(server, { grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken });
}

export interface Tokens {
  clientId: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers a client (unless given one), authorizes it as `username` (allowing on the consent page) and exchanges the code. */
export async function obtainTokens(bed: ProxyTestBed, options: { agent?: UserAgent; username?: string; clientId?: string } = {}): Promise<Tokens> {
  const clientId = options.clientId ?? (await registerClient(bed.server)).clientId;
  const { verifier, challenge } = pkce();
  const { callback } = await authorize(bed, await authorizationUrl(bed.server, clientId, challenge), options);
  const code = callback.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${callback.href}`);
  const { status, body } = await exchangeCode(bed.server, clientId, code, verifier);
  if (status !== 200) throw new Error(`code exchange refused (HTTP ${status}): ${JSON.stringify(body)}`);
  return { clientId, accessToken: String(body.access_token), refreshToken: String(body.refresh_token) };
}

/** An MCP client connected with a bearer token of the server's own. */
export async function connectWith(server: RunningHttpServer, accessToken: string): Promise<Client> {
  const client = new Client({ name: 'bearer-client', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${accessToken}` } } }));
  return client;
}

/** Reads an item through the upstream API as the caller: the tool call that needs the user's upstream token. */
export async function readItem(client: Client) {
  return signedInApi.readItem(client, signedInApi.itemId(1));
}
