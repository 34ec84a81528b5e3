import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_USERNAME, FakeLogin, fakeAppKeyPair } from './fake-salesforce-login.js';
import { errorAnswer, NOT_FOUND, type FakeAnswer } from './fake-salesforce-answers.js';
import { FakeOrgData } from './fake-salesforce-org.js';
import { restAnswer } from './fake-salesforce-rest.js';
import { FakeQueries } from './fake-salesforce-soql.js';

export { errorAnswer, type FakeAnswer } from './fake-salesforce-answers.js';
export { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_USERNAME } from './fake-salesforce-login.js';

/**
 * A stand-in for Salesforce on 127.0.0.1, as two real HTTP servers: the login host (token endpoint)
 * and the org's instance (REST API), which token answers name in `instance_url`, so tests see
 * requests follow it. The instance checks the session on every request, answers with Salesforce's
 * URL shapes, status codes and error lists, pages query results through `nextRecordsUrl`, and can be
 * scripted per test (expired sessions, queued error answers, requests that never get an answer).
 * Every request is recorded.
 */

export type SalesforceAuthFlow = 'client_credentials' | 'jwt_bearer';

export interface FakeSalesforceOptions {
  /** Which flow `serverEnv` configures. Default: client_credentials. */
  flow?: SalesforceAuthFlow;
  /** Records per query page (Salesforce: 2,000). */
  pageSize?: number;
}

export interface RecordedRequest {
  readonly server: 'login' | 'instance';
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly body: string;
}

export interface FakeSalesforce {
  /** Origin of the login host. */
  readonly loginUrl: string;
  /** Origin of the org's instance, as token answers name it. */
  readonly instanceUrl: string;
  readonly apiVersion: string;
  /** Settings that point the server at this fake with the chosen flow (and retries without real waiting). */
  readonly serverEnv: Record<string, string>;
  /** The org's records: seed them, or check what the server wrote. */
  readonly data: FakeOrgData;
  /** Every request, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  apiRequests(): RecordedRequest[];
  /** Ends every session issued so far: the API answers 401 INVALID_SESSION_ID until a new one is fetched. */
  expireSessions(): void;
  /** The next `times` API requests get `answer` (after being recorded, before anything else is checked). */
  failNext(answer: FakeAnswer, times?: number): void;
  /** The next `times` token requests get `answer`. */
  failTokenRequests(answer: FakeAnswer, times?: number): void;
  /** The next `times` API requests are never answered (until the fake closes): a stalled upstream. */
  stallNext(times?: number): void;
  close(): Promise<void>;
}

/** Error answers Salesforce gives, for scripting with `failNext`. */
export const SALESFORCE_FAULTS = {
  /** The org's 24-hour API request allowance is used up: a 403, not a 429. */
  requestLimitExceeded: errorAnswer(403, { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }),
  /** The user may not edit this record: a 400 whose code says permission. */
  insufficientAccess: errorAnswer(400, { errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id', fields: [] }),
  unavailable: errorAnswer(503, { errorCode: 'SERVER_UNAVAILABLE', message: 'Server is temporarily unavailable. Try again later.' }),
} as const;

const API_VERSION = '66.0';

type Fault = { kind: 'answer'; answer: FakeAnswer } | { kind: 'stall' };

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, { status, body, headers = {} }: FakeAnswer): void {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(json !== '' && { 'content-type': 'application/json;charset=UTF-8' }), ...headers });
  res.end(json);
}

export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const flow = options.flow ?? 'client_credentials';
  const requests: RecordedRequest[] = [];
  const faults: Record<RecordedRequest['server'], Fault[]> = { login: [], instance: [] };
  const data = new FakeOrgData();
  const queries = new FakeQueries(data, API_VERSION, () => options.pageSize ?? 2000);
  let instanceUrl = '';
  let loginUrl = '';
  const login = new FakeLogin({ audience: () => loginUrl, instanceUrl: () => instanceUrl });

  const handle = (server: RecordedRequest['server'], answer: (request: RecordedRequest) => FakeAnswer) => (req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const request: RecordedRequest = {
        server,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        body,
      };
      requests.push(request);
      const fault = faults[server].shift();
      if (fault?.kind === 'stall') return;
      send(res, fault?.kind === 'answer' ? fault.answer : answer(request));
    });
  };

  const loginServer = await listen(
    handle('login', (request) => {
      if (request.method !== 'POST' || request.path !== '/services/oauth2/token') return errorAnswer(404, NOT_FOUND);
      return login.answer(new URLSearchParams(request.body));
    }),
  );
  const instanceServer = await listen(
    handle('instance', (request) => {
      const prefix = `/services/data/v${API_VERSION}/`;
      if (!request.path.startsWith(prefix)) return errorAnswer(404, NOT_FOUND);
      const token = /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1];
      if (token === undefined || !login.sessions.has(token)) {
        return errorAnswer(401, { errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
      }
      let parsed: unknown;
      try {
        parsed = request.body === '' ? undefined : JSON.parse(request.body);
      } catch {
        return errorAnswer(400, { errorCode: 'JSON_PARSER_ERROR', message: 'The request body is not valid JSON' });
      }
      const segments = request.path.slice(prefix.length).split('/').filter((segment) => segment !== '').map(decodeURIComponent);
      return restAnswer({ method: request.method, segments, query: new URLSearchParams(request.query), body: parsed }, data, queries, API_VERSION);
    }),
  );
  loginUrl = originOf(loginServer);
  instanceUrl = originOf(instanceServer);

  const credentials: Record<string, string> =
    flow === 'client_credentials'
      ? { SALESFORCE_CLIENT_SECRET: FAKE_CLIENT_SECRET }
      : { SALESFORCE_USERNAME: FAKE_USERNAME, SALESFORCE_PRIVATE_KEY: fakeAppKeyPair().privateKeyPem };

  const queue = (server: RecordedRequest['server'], fault: Fault, times: number) => {
    for (let i = 0; i < times; i++) faults[server].push(fault);
  };

  return {
    loginUrl,
    instanceUrl,
    apiVersion: API_VERSION,
    serverEnv: {
      SALESFORCE_LOGIN_URL: loginUrl,
      SALESFORCE_API_VERSION: API_VERSION,
      SALESFORCE_AUTH_FLOW: flow,
      SALESFORCE_CLIENT_ID: FAKE_CLIENT_ID,
      ...credentials,
      // Retries back off for a millisecond or two instead of the production delays.
      UPSTREAM_RETRY_BASE_MS: '1',
      UPSTREAM_RETRY_MAX_MS: '2',
    },
    data,
    requests,
    tokenRequests: () => requests.filter((request) => request.server === 'login'),
    apiRequests: () => requests.filter((request) => request.server === 'instance'),
    expireSessions: () => login.sessions.clear(),
    failNext: (answer, times = 1) => queue('instance', { kind: 'answer', answer }, times),
    failTokenRequests: (answer, times = 1) => queue('login', { kind: 'answer', answer }, times),
    stallNext: (times = 1) => queue('instance', { kind: 'stall' }, times),
    async close() {
      for (const server of [loginServer, instanceServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
