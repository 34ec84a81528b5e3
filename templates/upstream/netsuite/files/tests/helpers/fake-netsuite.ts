import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decodeProtectedHeader, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

import { FakeRecordStore, sampleRecords, type FakeErrorDetail, type FakeRecord } from './fake-netsuite-records.js';
import { suiteQlRows } from './fake-netsuite-suiteql.js';
import { netSuiteTestKeys, type NetSuiteTestKeys } from './netsuite-keys.js';

/**
 * A NetSuite account on 127.0.0.1 that answers like the real REST web services: the OAuth 2.0 client
 * credentials (M2M) token endpoint, checking every client assertion as NetSuite does; the record service
 * and SuiteQL over an in-memory dataset, with NetSuite's URL shapes, paging and error bodies; a bearer
 * token check on every API request. Tests script faults (429 with Retry-After, 5xx bursts, stalled
 * answers, expired or revoked tokens) and read back every request it received.
 */

export interface FakeNetSuiteOptions {
  /** The certificate's key pair; the server under test signs with its private half. */
  keys?: NetSuiteTestKeys;
  clientId?: string;
  certificateId?: string;
  /** Lifetime of issued access tokens in seconds (NetSuite's is 3600). */
  tokenLifetimeSeconds?: number;
  /** The fake's clock, for token expiry and assertion times; share it with the server under test to move time. */
  now?: () => number;
  records?: Record<string, FakeRecord[]>;
}

export interface RecordedRequest {
  method: string;
  /** Path as sent, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** Which endpoint a scripted fault hits: the token endpoint or the REST API. */
export type FaultTarget = 'api' | 'token';

export interface Fault {
  status: 429 | 500 | 502 | 503 | 504;
  /** Retry-After header value (seconds or an HTTP date). */
  retryAfter?: string;
}

export interface VerifiedAssertion {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
}

export interface FakeNetSuite {
  /** Origin of the fake account: what NETSUITE_REST_URL points at. */
  readonly url: string;
  readonly tokenUrl: string;
  /** Settings pointing the server at this fake, with backoff steps short enough that tests never wait on them. */
  readonly serverEnv: Record<string, string>;
  readonly keys: NetSuiteTestKeys;
  /** Every request received, token requests included, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Client assertions that passed every check, in order. */
  readonly assertions: readonly VerifiedAssertion[];
  /** Why token requests were refused, in order. */
  readonly tokenRefusals: readonly string[];
  /** Access tokens issued so far, in order. */
  readonly issuedTokens: readonly string[];
  apiRequests(): RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  /** The dataset as it is now. */
  records(type: string): FakeRecord[];
  /** The next `count` requests to `target` fail with `fault` (a NetSuite error body, and Retry-After when given). */
  failNext(count: number, fault: Fault, target?: FaultTarget): void;
  /** The next request to `target` gets no answer until `release` (or close). */
  stallNext(target?: FaultTarget): { release(): void };
  /** Every token issued so far has expired; new ones work. */
  expireTokens(): void;
  /** Every token issued so far is revoked; new ones work. */
  revokeTokens(): void;
  /** Every token, even a fresh one, is refused from now on (the role lost its OAuth 2.0 login permission). */
  refuseAllTokens(): void;
  /** The integration role may not use records of `type` (403). */
  denyRecordType(type: string): void;
  close(): Promise<void>;
}

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const RECORD_PREFIX = '/services/rest/record/v1/';
const SUITEQL_PATH = '/services/rest/query/v1/suiteql';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_ASSERTION_LIFETIME_SECONDS = 3600;
const MAX_PAGE_SIZE = 1000;

const CONTENT_TYPE = {
  singular: 'application/vnd.oracle.resource+json; type=singular; charset=UTF-8',
  collection: 'application/vnd.oracle.resource+json; type=collection; charset=UTF-8',
  error: 'application/vnd.oracle.resource+json; type=error; charset=UTF-8',
  oauth: 'application/json;charset=UTF-8',
};

const ERROR_TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1'],
  401: ['Unauthorized', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2'],
  403: ['Forbidden', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.4'],
  404: ['Not Found', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5'],
  429: ['Too Many Requests', 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4'],
  500: ['Internal Server Error', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1'],
  502: ['Bad Gateway', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.3'],
  503: ['Service Unavailable', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.4'],
  504: ['Gateway Timeout', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.5'],
};

const FAULT_DETAILS: Record<Fault['status'], FakeErrorDetail> = {
  429: { detail: 'The request could not be processed because the concurrency limit for the account was exceeded.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' },
  500: { detail: 'An unexpected error occurred.', 'o:errorCode': 'UNEXPECTED_ERROR' },
  502: { detail: 'The gateway received an invalid response.', 'o:errorCode': 'BAD_GATEWAY' },
  503: { detail: 'The service is temporarily unavailable.', 'o:errorCode': 'SERVICE_UNAVAILABLE' },
  504: { detail: 'The gateway timed out.', 'o:errorCode': 'GATEWAY_TIMEOUT' },
};

const INVALID_LOGIN: FakeErrorDetail = {
  detail: 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
  'o:errorCode': 'INVALID_LOGIN',
};

export async function startFakeNetSuite(options: FakeNetSuiteOptions = {}): Promise<FakeNetSuite> {
  const keys = options.keys ?? netSuiteTestKeys();
  const clientId = options.clientId ?? 'fake-integration-client-id';
  const certificateId = options.certificateId ?? 'fake-certificate-id';
  const lifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  const now = options.now ?? Date.now;
  const store = new FakeRecordStore(options.records ?? sampleRecords());

  const requests: RecordedRequest[] = [];
  const assertions: VerifiedAssertion[] = [];
  const tokenRefusals: string[] = [];
  const issuedTokens: string[] = [];
  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const faults: Record<FaultTarget, Fault[]> = { api: [], token: [] };
  const stalls: Record<FaultTarget, Array<Promise<void>>> = { api: [], token: [] };
  const releases = new Set<() => void>();
  const deniedTypes = new Set<string>();
  let refuseEveryToken = false;
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, [{ detail: String(error), 'o:errorCode': 'UNEXPECTED_ERROR' }]);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', origin);
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')])),
      body,
    });

    const target: FaultTarget = url.pathname === TOKEN_PATH ? 'token' : 'api';
    const stall = stalls[target].shift();
    if (stall !== undefined) await stall;
    const fault = faults[target].shift();
    if (fault !== undefined) {
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
      if (target === 'token') sendJson(res, fault.status, { error: 'server_error' }, CONTENT_TYPE.oauth);
      else sendError(res, fault.status, [FAULT_DETAILS[fault.status]]);
      return;
    }

    if (target === 'token') {
      if (req.method !== 'POST') return sendError(res, 404, [notFound()]);
      return issueToken(res, new URLSearchParams(body));
    }
    if (!authorised(req.headers.authorization)) return sendError(res, 401, [INVALID_LOGIN]);
    if (url.pathname === SUITEQL_PATH && req.method === 'POST') return suiteQl(req, res, url, body);
    if (url.pathname.startsWith(RECORD_PREFIX)) return recordService(req.method ?? 'GET', res, url, body);
    sendError(res, 404, [notFound()]);
  }

  async function issueToken(res: ServerResponse, form: URLSearchParams): Promise<void> {
    const refuse = (status: number, error: string, reason: string) => {
      tokenRefusals.push(reason);
      sendJson(res, status, { error }, CONTENT_TYPE.oauth);
    };
    if (form.get('grant_type') !== 'client_credentials') return refuse(400, 'unsupported_grant_type', `grant_type ${form.get('grant_type')}`);
    if (form.get('client_assertion_type') !== JWT_BEARER) return refuse(400, 'invalid_request', 'client_assertion_type is not jwt-bearer');
    const assertion = form.get('client_assertion') ?? '';
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return refuse(400, 'invalid_request', 'client_assertion is not a JWT');
    }
    if (header.typ !== 'JWT') return refuse(400, 'invalid_request', `typ ${String(header.typ)}`);
    if (header.kid !== certificateId) return refuse(400, 'invalid_client', `unknown certificate ID ${String(header.kid)}`);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(assertion, keys.publicKey, {
        algorithms: [keys.algorithm],
        issuer: clientId,
        audience: `${origin}${TOKEN_PATH}`,
        currentDate: new Date(now()),
        requiredClaims: ['iat', 'exp', 'scope'],
      }));
    } catch (error) {
      return refuse(400, 'invalid_client', `assertion rejected: ${(error as Error).message}`);
    }
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > MAX_ASSERTION_LIFETIME_SECONDS) return refuse(400, 'invalid_grant', 'assertion lives longer than 60 minutes');
    const formClientId = form.get('client_id');
    if (formClientId !== null && formClientId !== clientId) return refuse(400, 'invalid_client', 'client_id differs from the assertion issuer');
    const scopes = Array.isArray(payload.scope) ? payload.scope.map(String) : String(payload.scope).split(',').map((scope) => scope.trim());
    if (!scopes.includes('rest_webservices')) return refuse(400, 'invalid_scope', `scopes ${scopes.join(',')} lack rest_webservices`);

    assertions.push({ header, payload });
    const token = `ns-access-${issuedTokens.length + 1}-${randomBytes(12).toString('hex')}`;
    issuedTokens.push(token);
    tokens.set(token, { expiresAt: now() + lifetimeSeconds * 1000, revoked: false });
    // NetSuite sends expires_in as a string.
    sendJson(res, 200, { access_token: token, expires_in: String(lifetimeSeconds), token_type: 'Bearer' }, CONTENT_TYPE.oauth);
  }

  function authorised(header: string | undefined): boolean {
    const value = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    const token = value === undefined ? undefined : tokens.get(value);
    return !refuseEveryToken && token !== undefined && !token.revoked && now() < token.expiresAt;
  }

  function recordService(method: string, res: ServerResponse, url: URL, body: string): void {
    const segments = url.pathname.slice(RECORD_PREFIX.length).split('/').map(decodeURIComponent);
    const [type = '', key, ...rest] = segments;
    if (rest.length > 0 || type === '') return sendError(res, 404, [notFound()]);
    if (!store.hasType(type)) return sendError(res, 404, [{ detail: `Record type '${type}' does not exist.`, 'o:errorCode': 'NONEXISTENT_ID' }]);
    if (deniedTypes.has(type)) {
      return sendError(res, 403, [{ detail: `Permission Violation: You need a higher level of the '${type}' permission to access this page.`, 'o:errorCode': 'INSUFFICIENT_PERMISSION' }]);
    }

    if (key === undefined || key === '') {
      if (method === 'GET') return listRecords(res, url, type);
      if (method === 'POST') return createRecord(res, type, body);
      return sendError(res, 405, [{ detail: `${method} is not supported here.`, 'o:errorCode': 'INVALID_REQUEST' }]);
    }
    const record = store.find(type, key);
    if (record === undefined) {
      return sendError(res, 404, [{ detail: 'The record instance does not exist. Provide a valid record instance ID.', 'o:errorCode': 'NONEXISTENT_ID' }]);
    }
    if (method === 'GET') return sendJson(res, 200, renderRecord(type, record, url.searchParams), CONTENT_TYPE.singular);
    if (method === 'PATCH') {
      const values = jsonObject(body);
      if (values === undefined) return sendError(res, 400, [invalidBody()]);
      const problems = store.update(record, values);
      return problems.length > 0 ? sendError(res, 400, problems) : sendEmpty(res);
    }
    if (method === 'DELETE') {
      store.delete(type, record);
      return sendEmpty(res);
    }
    sendError(res, 405, [{ detail: `${method} is not supported here.`, 'o:errorCode': 'INVALID_REQUEST' }]);
  }

  function createRecord(res: ServerResponse, type: string, body: string): void {
    const values = jsonObject(body);
    if (values === undefined) return sendError(res, 400, [invalidBody()]);
    const created = store.create(type, values);
    if (Array.isArray(created)) return sendError(res, 400, created);
    sendEmpty(res, { location: `${origin}${RECORD_PREFIX}${type}/${created.id}` });
  }

  function listRecords(res: ServerResponse, url: URL, type: string): void {
    const page = pageOf(url.searchParams);
    if ('error' in page) return sendError(res, 400, [page.error]);
    const filter = recordFilter(url.searchParams.get('q'));
    if (filter === 'invalid') return sendError(res, 400, [{ detail: 'Invalid query: expected <field> IS "<value>" or <field> START_WITH "<value>".', 'o:errorCode': 'INVALID_PARAMETER' }]);
    const matching = store.all(type).filter(filter);
    const items = matching.slice(page.offset, page.offset + page.limit).map((record) => ({ links: [self(`${RECORD_PREFIX}${type}/${record.id}`)], id: record.id }));
    sendJson(res, 200, collection(url, items, page, matching.length), CONTENT_TYPE.collection);
  }

  function suiteQl(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    if (!/\btransient\b/i.test(String(req.headers.prefer ?? ''))) {
      return sendError(res, 400, [{ detail: 'The request must include the header Prefer: transient.', 'o:errorCode': 'INVALID_HEADER' }]);
    }
    const q = jsonObject(body)?.q;
    if (typeof q !== 'string' || q.trim() === '') return sendError(res, 400, [{ detail: 'The request body must be {"q": "<SuiteQL query>"}.', 'o:errorCode': 'INVALID_CONTENT' }]);
    const page = pageOf(url.searchParams);
    if ('error' in page) return sendError(res, 400, [page.error]);
    const result = suiteQlRows(store, q);
    if ('error' in result) return sendError(res, 400, [result.error]);
    const items = result.rows.slice(page.offset, page.offset + page.limit).map((row) => ({ links: [], ...row }));
    sendJson(res, 200, collection(url, items, page, result.rows.length), CONTENT_TYPE.collection);
  }

  function renderRecord(type: string, record: FakeRecord, params: URLSearchParams): Record<string, unknown> {
    const selfPath = `${RECORD_PREFIX}${type}/${record.id}`;
    const only = params.get('fields')?.split(',');
    const expand = params.get('expandSubResources') === 'true';
    const rendered: Record<string, unknown> = { links: [self(selfPath)] };
    for (const [field, value] of Object.entries(record)) {
      if (only !== undefined && !only.includes(field)) continue;
      if (isSublist(value)) {
        const lines = value.items.map((line) => ({ links: [], ...(line as object) }));
        rendered[field] = expand
          ? { links: [self(`${selfPath}/${field}`)], items: lines, count: lines.length, hasMore: false, offset: 0, totalResults: lines.length }
          : { links: [self(`${selfPath}/${field}`)] };
      } else if (typeof value === 'object' && value !== null && 'id' in value) {
        rendered[field] = { links: [self(`${RECORD_PREFIX}${field}/${String((value as { id: unknown }).id)}`)], ...value };
      } else {
        rendered[field] = value;
      }
    }
    return rendered;
  }

  function collection(url: URL, items: unknown[], page: { limit: number; offset: number }, totalResults: number): Record<string, unknown> {
    const at = (offset: number) => {
      const link = new URL(url);
      link.searchParams.set('limit', String(page.limit));
      link.searchParams.set('offset', String(offset));
      return link.href;
    };
    const hasMore = page.offset + items.length < totalResults;
    const lastOffset = Math.max(0, Math.floor((totalResults - 1) / page.limit) * page.limit);
    const links = [
      { rel: 'first', href: at(0) },
      ...(page.offset > 0 ? [{ rel: 'previous', href: at(Math.max(0, page.offset - page.limit)) }] : []),
      ...(hasMore ? [{ rel: 'next', href: at(page.offset + page.limit) }] : []),
      { rel: 'last', href: at(lastOffset) },
      { rel: 'self', href: at(page.offset) },
    ];
    return { links, count: items.length, hasMore, items, offset: page.offset, totalResults };
  }

  const self = (path: string) => ({ rel: 'self', href: `${origin}${path}` });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    serverEnv: {
      NETSUITE_AUTH_FLOW: 'client_credentials',
      NETSUITE_REST_URL: origin,
      NETSUITE_CLIENT_ID: clientId,
      NETSUITE_CERTIFICATE_ID: certificateId,
      NETSUITE_PRIVATE_KEY: keys.privateKeyPem,
      NETSUITE_SIGNING_ALGORITHM: keys.algorithm,
      UPSTREAM_RETRY_BASE_MS: '1',
      UPSTREAM_RETRY_MAX_MS: '5',
    },
    keys,
    requests,
    assertions,
    tokenRefusals,
    issuedTokens,
    apiRequests: () => requests.filter((request) => request.path !== TOKEN_PATH),
    tokenRequests: () => requests.filter((request) => request.path === TOKEN_PATH),
    records: (type) => store.all(type),
    failNext(count, fault, target = 'api') {
      for (let i = 0; i < count; i++) faults[target].push(fault);
    },
    stallNext(target = 'api') {
      let release!: () => void;
      stalls[target].push(
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      releases.add(release);
      return { release };
    },
    expireTokens() {
      for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, now());
    },
    revokeTokens() {
      for (const token of tokens.values()) token.revoked = true;
    },
    refuseAllTokens() {
      refuseEveryToken = true;
    },
    denyRecordType(type) {
      deniedTypes.add(type);
    },
    async close() {
      for (const release of releases) release();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(body));
}

function sendEmpty(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(204, headers);
  res.end();
}

function sendError(res: ServerResponse, status: number, details: FakeErrorDetail[]): void {
  const [title, type] = ERROR_TITLES[status] ?? ['Error', 'about:blank'];
  sendJson(res, status, { type, title, status, 'o:errorDetails': details }, CONTENT_TYPE.error);
}

function pageOf(params: URLSearchParams): { limit: number; offset: number } | { error: FakeErrorDetail } {
  const limit = Number(params.get('limit') ?? MAX_PAGE_SIZE);
  const offset = Number(params.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    return { error: { detail: `Invalid value for the parameter limit. Provide a value between 1 and ${MAX_PAGE_SIZE}.`, 'o:errorCode': 'INVALID_PARAMETER' } };
  }
  if (!Number.isInteger(offset) || offset < 0) {
    return { error: { detail: 'Invalid value for the parameter offset. Provide a non-negative value.', 'o:errorCode': 'INVALID_PARAMETER' } };
  }
  return { limit, offset };
}

/** The two record filter forms tests use: `field IS "value"` and `field START_WITH "value"`. */
function recordFilter(q: string | null): ((record: FakeRecord) => boolean) | 'invalid' {
  if (q === null) return () => true;
  const match = /^\s*(\w+)\s+(IS|START_WITH)\s+"?([^"]*)"?\s*$/.exec(q);
  if (match === null) return 'invalid';
  const [, field = '', operator, value = ''] = match;
  return (record) => {
    const actual = String(record[field] ?? '');
    return operator === 'IS' ? actual === value : actual.startsWith(value);
  };
}

function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isSublist(value: unknown): value is { items: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}

function notFound(): FakeErrorDetail {
  return { detail: 'The requested resource was not found.', 'o:errorCode': 'NOT_FOUND' };
}

function invalidBody(): FakeErrorDetail {
  return { detail: 'The request body must be a JSON object.', 'o:errorCode': 'INVALID_CONTENT' };
}
