import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { restApiTestIdp } from './rest-api-test-idp.js';

/**
 * A REST API for tests, on 127.0.0.1: collections of items in memory behind
 * `/api/v1/<collection>[/<id>]`, answering like a typical JSON API (problem+json errors, `items` and
 * `total` in lists, `Idempotency-Key` on creation), plus the token endpoint of the preset's identity
 * provider (client credentials, and token exchange where the preset supports it). Every request is
 * checked for the credentials of its auth mode and recorded; answers can be scripted per test.
 */

export type FakeAuthMode = 'none' | 'api_key' | 'client_credentials' | 'token_exchange';

export const FAKE_CREDENTIALS = {
  clientId: 'mcp-server-client',
  clientSecret: 'client-secret-for-tests',
  apiKey: 'api-key-for-tests',
  apiKeyHeader: 'x-api-key',
  /** The REST API's client at the identity provider: the audience token exchanges must ask for. */
  audience: 'orders-api',
} as const;

export const API_PATH = '/api/v1';

type JsonObject = Record<string, unknown>;

export interface RecordedRequest {
  readonly method: string;
  /** Path below the API base, still percent-encoded: `/orders/42`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Whom the presented token was exchanged for, when it is an exchanged token. */
  readonly tokenSubject?: string;
}

export interface RecordedTokenRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, string>>;
}

/** A scripted answer: a status with an optional body (objects as JSON, strings as text), or a dropped connection. */
export type ScriptedResponse = { status: number; body?: unknown; headers?: Record<string, string>; contentType?: string } | { disconnect: true };

export interface FakeRestApiOptions {
  auth: FakeAuthMode;
  /** `expires_in` of issued tokens. */
  tokenLifetimeSeconds?: number;
}

export interface FakeRestApi {
  readonly origin: string;
  readonly apiUrl: string;
  /** Settings pointing the server at this fake with the credentials of its auth mode. */
  readonly serverEnv: Record<string, string>;
  readonly requests: RecordedRequest[];
  readonly tokenRequests: RecordedTokenRequest[];
  seed(collection: string, items: JsonObject[]): void;
  items(collection: string): JsonObject[];
  /** Answers the next API requests with these, in order, before looking at credentials or the store. */
  respondNext(...responses: ScriptedResponse[]): void;
  respondToTokenRequestsNext(...responses: ScriptedResponse[]): void;
  /** Makes every token issued so far invalid, as a restarted or rotated authorization server would. */
  revokeIssuedTokens(): void;
  /** An access token the identity provider gave an MCP caller: what a token exchange starts from. */
  issueCallerToken(subject: string): string;
  /**
   * Lets token exchange start from `token`, an access token the identity provider issued to `subject`
   * outside this fake (e.g. the in-process provider a test server verifies callers against).
   */
  acceptCallerToken(token: string, subject: string): void;
  close(): Promise<void>;
}

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

interface IssuedToken {
  kind: 'service' | 'exchanged';
  subject?: string;
  revoked: boolean;
}

export async function startFakeRestApi(options: FakeRestApiOptions): Promise<FakeRestApi> {
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const store = new Map<string, Map<string, JsonObject>>();
  const createdByKey = new Map<string, JsonObject>();
  const issued = new Map<string, IssuedToken>();
  const callerTokens = new Map<string, string>();
  const apiScript: ScriptedResponse[] = [];
  const tokenScript: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const tokenRequests: RecordedTokenRequest[] = [];
  let counter = 0;
  let lastId = 0;

  const collection = (name: string) => {
    let items = store.get(name);
    if (items === undefined) store.set(name, (items = new Map()));
    return items;
  };

  /** The next number not taken in the collection (seeded items keep their own IDs). */
  const newId = (items: Map<string, JsonObject>): string => {
    do lastId += 1;
    while (items.has(String(lastId)));
    return String(lastId);
  };

  const issue = (token: IssuedToken): string => {
    counter += 1;
    const value = `${token.kind}-token-${counter}`;
    issued.set(value, token);
    return value;
  };

  function tokenEndpoint(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const params = Object.fromEntries(new URLSearchParams(raw));
    tokenRequests.push({ headers: headersOf(req), params });
    const scripted = tokenScript.shift();
    if (scripted !== undefined) return sendScripted(res, scripted);

    if (!clientAuthenticated(req, params)) return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    if (params.grant_type === 'client_credentials') {
      return sendJson(res, 200, { access_token: issue({ kind: 'service', revoked: false }), token_type: 'Bearer', expires_in: lifetime });
    }
    if (params.grant_type === TOKEN_EXCHANGE_GRANT && restApiTestIdp.supportsTokenExchange) {
      const subject = callerTokens.get(params.subject_token ?? '');
      if (subject === undefined || params.subject_token_type !== ACCESS_TOKEN_TYPE) {
        return sendJson(res, 400, { error: 'invalid_token', error_description: 'Invalid token' });
      }
      if (params.audience !== FAKE_CREDENTIALS.audience) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Audience not found' });
      return sendJson(res, 200, {
        access_token: issue({ kind: 'exchanged', subject, revoked: false }),
        issued_token_type: ACCESS_TOKEN_TYPE,
        token_type: 'Bearer',
        expires_in: lifetime,
      });
    }
    sendJson(res, 400, { error: 'unsupported_grant_type' });
  }

  function clientAuthenticated(req: IncomingMessage, params: Record<string, string>): boolean {
    const { clientId, clientSecret } = FAKE_CREDENTIALS;
    if (restApiTestIdp.clientAuthMethod === 'client_secret_post') return params.client_id === clientId && params.client_secret === clientSecret;
    const expected = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    return req.headers.authorization === expected && params.client_secret === undefined;
  }

  function authorized(headers: Record<string, string>): { ok: boolean; token?: IssuedToken } {
    const bearer = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
    const token = bearer === undefined ? undefined : issued.get(bearer);
    const live = token !== undefined && !token.revoked ? token : undefined;
    switch (options.auth) {
      case 'none':
        return { ok: true };
      case 'api_key':
        return { ok: headers[FAKE_CREDENTIALS.apiKeyHeader] === FAKE_CREDENTIALS.apiKey };
      case 'client_credentials':
        return { ok: live?.kind === 'service', ...(live !== undefined && { token: live }) };
      case 'token_exchange':
        return { ok: live?.kind === 'exchanged', ...(live !== undefined && { token: live }) };
    }
  }

  function api(req: IncomingMessage, url: URL, raw: string, res: ServerResponse): void {
    const headers = headersOf(req);
    const body = raw === '' ? undefined : parseJson(raw);
    const path = url.pathname.slice(API_PATH.length);
    const auth = authorized(headers);
    requests.push({
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      ...(auth.token?.subject !== undefined && { tokenSubject: auth.token.subject }),
    });
    const scripted = apiScript.shift();
    if (scripted !== undefined) return sendScripted(res, scripted);
    if (!auth.ok) {
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      return sendProblem(res, 401, 'Unauthorized', 'The access token is missing, invalid or expired');
    }

    const segments = path.split('/').slice(1).map(decodeURIComponent);
    const [name, id, ...rest] = segments;
    if (name === undefined || name === '' || rest.length > 0) return sendProblem(res, 404, 'Not Found', `No resource at ${url.pathname}`);
    const items = collection(name);
    if (id === undefined) {
      if (req.method === 'GET') return list(items, url.searchParams, res);
      if (req.method === 'POST') return create(name, items, headers['idempotency-key'], body, res);
      return sendProblem(res, 405, 'Method Not Allowed', `${req.method} is not allowed on a collection`);
    }
    const item = items.get(id);
    if (item === undefined) return sendProblem(res, 404, 'Not Found', `No item ${id} in ${name}`);
    if (req.method === 'GET') return sendJson(res, 200, item);
    if (req.method === 'DELETE') {
      items.delete(id);
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'PATCH') {
      if (!isObject(body)) return sendProblem(res, 400, 'Bad Request', 'The changes must be a JSON object');
      const updated = mergePatch(item, body);
      items.set(id, updated);
      return sendJson(res, 200, updated);
    }
    sendProblem(res, 405, 'Method Not Allowed', `${req.method} is not allowed on an item`);
  }

  function list(items: Map<string, JsonObject>, query: URLSearchParams, res: ServerResponse): void {
    const limit = Number(query.get('limit') ?? 50);
    const offset = Number(query.get('offset') ?? 0);
    const filters = [...query].filter(([key]) => key !== 'limit' && key !== 'offset');
    const matching = [...items.values()].filter((item) => filters.every(([key, value]) => String(item[key]) === value));
    sendJson(res, 200, { items: matching.slice(offset, offset + limit), total: matching.length });
  }

  function create(name: string, items: Map<string, JsonObject>, key: string | undefined, body: unknown, res: ServerResponse): void {
    if (!isObject(body)) {
      return sendJson(res, 422, { type: 'about:blank', title: 'Unprocessable Content', status: 422, errors: [{ pointer: '#', detail: 'must be a JSON object' }] }, 'application/problem+json');
    }
    const repeated = key === undefined ? undefined : createdByKey.get(`${name}\n${key}`);
    const item = repeated ?? { ...body, id: newId(items) };
    if (repeated === undefined) {
      items.set(String(item.id), item);
      if (key !== undefined) createdByKey.set(`${name}\n${key}`, item);
    }
    res.setHeader('location', `${API_PATH}/${encodeURIComponent(name)}/${encodeURIComponent(String(item.id))}`);
    sendJson(res, 201, item);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && url.pathname === restApiTestIdp.tokenPath) return tokenEndpoint(req, raw, res);
      if (url.pathname === API_PATH || url.pathname.startsWith(`${API_PATH}/`)) return api(req, url, raw, res);
      sendProblem(res, 404, 'Not Found', `No resource at ${url.pathname}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiUrl = `${origin}${API_PATH}`;

  return {
    origin,
    apiUrl,
    serverEnv: serverEnvFor(options.auth, origin, apiUrl),
    requests,
    tokenRequests,
    seed(name, items) {
      for (const item of items) collection(name).set(String(item.id), item);
    },
    items: (name) => [...collection(name).values()],
    respondNext: (...responses) => void apiScript.push(...responses),
    respondToTokenRequestsNext: (...responses) => void tokenScript.push(...responses),
    revokeIssuedTokens() {
      for (const token of issued.values()) token.revoked = true;
    },
    issueCallerToken(subject) {
      counter += 1;
      const token = `caller-token-${counter}-of-${subject}`;
      callerTokens.set(token, subject);
      return token;
    },
    acceptCallerToken(token, subject) {
      callerTokens.set(token, subject);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

/** Retries in tests wait a millisecond, not the production backoff. */
const FAST_RETRIES = { UPSTREAM_RETRY_BASE_MS: '1', UPSTREAM_RETRY_MAX_MS: '1' };

function serverEnvFor(mode: FakeAuthMode, origin: string, apiUrl: string): Record<string, string> {
  const common = { UPSTREAM_API_URL: apiUrl, UPSTREAM_API_AUTH: mode, ...FAST_RETRIES };
  const client = { ...restApiTestIdp.tokenEnv(origin), UPSTREAM_CLIENT_ID: FAKE_CREDENTIALS.clientId, UPSTREAM_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret };
  switch (mode) {
    case 'none':
      return common;
    case 'api_key':
      return { ...common, UPSTREAM_API_KEY: FAKE_CREDENTIALS.apiKey };
    case 'client_credentials':
      return { ...common, ...client };
    case 'token_exchange':
      return { ...common, ...client, UPSTREAM_AUDIENCE: FAKE_CREDENTIALS.audience };
  }
}

function headersOf(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** JSON Merge Patch (RFC 7396), one level deep: `null` removes a field; the ID stays. */
function mergePatch(item: JsonObject, changes: JsonObject): JsonObject {
  const merged: JsonObject = { ...item };
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'id') continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType }).end(JSON.stringify(body));
}

function sendProblem(res: ServerResponse, status: number, title: string, detail: string): void {
  sendJson(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');
}

function sendScripted(res: ServerResponse, scripted: ScriptedResponse): void {
  if ('disconnect' in scripted) {
    res.socket?.destroy();
    return;
  }
  const { status, body, headers = {} } = scripted;
  if (body === undefined) {
    res.writeHead(status, headers).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': scripted.contentType ?? 'text/plain', ...headers }).end(body);
  } else {
    const contentType = scripted.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json');
    res.writeHead(status, { 'content-type': contentType, ...headers }).end(JSON.stringify(body));
  }
}
