import { createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer the fake gives, in the order the test queued it. */
export interface ScriptedResponse {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Sent JSON-encoded, unless a string (sent as it is). */
  body?: unknown;
  /** Answer only after this many milliseconds (a slow upstream). */
  delayMs?: number;
  /** Close the connection without answering (a network failure). */
  hangUp?: boolean;
}

/** A request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Path without the query. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A client the token endpoint knows: by secret (basic or post), or by public key (private_key_jwt). */
export interface FakeOAuthClient {
  clientId: string;
  clientSecret?: string;
  publicKey?: KeyObject;
}

export interface FakeHttpUpstreamOptions {
  /**
   * How API requests must authenticate: with a token the fake's token endpoint issued (and has not
   * refused since), or with a fixed key in a header. Default: not checked.
   */
  auth?: 'issued-token' | { header: string; value: string };
  /** Clients of the token endpoint (client credentials grant). */
  clients?: readonly FakeOAuthClient[];
  /** `expires_in` of issued tokens in seconds; undefined issues tokens without one. Default 3600. */
  tokenLifetimeSeconds?: number | undefined;
}

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * A scriptable HTTP upstream on 127.0.0.1 (a real server, on a free port) with an OAuth token endpoint.
 * API requests get the queued answers in order (200 `{ "ok": true }` once the queue is empty), after
 * the configured authentication check. The token endpoint checks client authentication the way
 * RFC 6749 and RFC 7523 define it and issues random tokens; it can also be scripted. Every request is
 * recorded with its headers and body.
 */
export class FakeHttpUpstream {
  static readonly TOKEN_PATH = '/oauth/token';

  /** API requests (everything but the token endpoint), in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Requests to the token endpoint. */
  readonly tokenRequests: RecordedRequest[] = [];
  /** `expires_in` of the tokens issued from now on. */
  tokenLifetimeSeconds: number | undefined;
  readonly #queue: ScriptedResponse[] = [];
  readonly #tokenQueue: ScriptedResponse[] = [];
  readonly #validTokens = new Set<string>();
  readonly #issued: string[] = [];
  readonly #pending = new Set<NodeJS.Timeout>();
  #arrivals: Array<() => void> = [];

  private constructor(
    readonly url: string,
    private readonly server: Server,
    private readonly options: FakeHttpUpstreamOptions,
  ) {
    this.tokenLifetimeSeconds = 'tokenLifetimeSeconds' in options ? options.tokenLifetimeSeconds : 3600;
  }

  static async start(options: FakeHttpUpstreamOptions = {}): Promise<FakeHttpUpstream> {
    let fake: FakeHttpUpstream | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req, res).catch(() => res.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    fake = new FakeHttpUpstream(`http://127.0.0.1:${port}`, server, options);
    return fake;
  }

  get tokenUrl(): string {
    return `${this.url}${FakeHttpUpstream.TOKEN_PATH}`;
  }

  /** Every token the endpoint issued, oldest first. */
  get issuedTokens(): readonly string[] {
    return this.#issued;
  }

  /** Queues answers for the next API requests. */
  respond(...responses: ScriptedResponse[]): void {
    this.#queue.push(...responses);
  }

  /** Queues answers for the next token requests, instead of issuing tokens. */
  respondToTokenRequest(...responses: ScriptedResponse[]): void {
    this.#tokenQueue.push(...responses);
  }

  /** Resolves once `count` API requests have arrived (to act while one is still being answered). */
  async waitForRequests(count: number): Promise<void> {
    while (this.requests.length < count) await new Promise<void>((resolve) => this.#arrivals.push(resolve));
  }

  /** Every token issued so far is refused from now on, as if it had expired or been revoked. */
  refuseIssuedTokens(): void {
    this.#validTokens.clear();
  }

  async close(): Promise<void> {
    for (const timer of this.#pending) clearTimeout(timer);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url,
      path: url.split('?')[0] ?? url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    if (recorded.path === FakeHttpUpstream.TOKEN_PATH) {
      this.tokenRequests.push(recorded);
      this.answer(req, res, this.#tokenQueue.shift() ?? this.tokenResponse(recorded));
      return;
    }
    this.requests.push(recorded);
    for (const arrived of this.#arrivals.splice(0)) arrived();
    const refusal = this.authRefusal(recorded);
    this.answer(req, res, refusal ?? this.#queue.shift() ?? { body: { ok: true } });
  }

  private answer(req: IncomingMessage, res: ServerResponse, response: ScriptedResponse): void {
    const send = () => {
      if (response.hangUp === true) {
        req.socket.destroy();
        return;
      }
      const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      const type = typeof response.body === 'string' ? 'text/plain' : 'application/json';
      res.writeHead(response.status ?? 200, { ...(body !== '' && { 'content-type': type }), ...response.headers });
      res.end(body);
    };
    if (response.delayMs === undefined) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      if (!res.destroyed) send();
    }, response.delayMs);
    this.#pending.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      this.#pending.delete(timer);
    });
  }

  private authRefusal(request: RecordedRequest): ScriptedResponse | undefined {
    const auth = this.options.auth;
    if (auth === undefined) return undefined;
    if (auth === 'issued-token') {
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      if (token !== undefined && this.#validTokens.has(token)) return undefined;
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        body: { error: 'invalid_token', message: 'The access token is invalid or has expired' },
      };
    }
    if (request.headers[auth.header.toLowerCase()] === auth.value) return undefined;
    return { status: 401, body: { message: 'Invalid API key' } };
  }

  /** The token endpoint's own answer: client authentication checked, then a fresh token. */
  private tokenResponse(request: RecordedRequest): ScriptedResponse {
    if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint only accepts POST');
    const form = new URLSearchParams(request.body);
    const client = this.authenticateClient(request, form);
    if ('error' in client) return client.error;
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported');

    const token = `fake-token-${this.#issued.length + 1}-${randomBytes(12).toString('base64url')}`;
    this.#issued.push(token);
    this.#validTokens.add(token);
    const scope = form.get('scope');
    return {
      headers: { 'cache-control': 'no-store' },
      body: {
        access_token: token,
        token_type: 'Bearer',
        ...(this.tokenLifetimeSeconds !== undefined && { expires_in: this.tokenLifetimeSeconds }),
        ...(scope !== null && { scope }),
      },
    };
  }

  private authenticateClient(request: RecordedRequest, form: URLSearchParams): { clientId: string } | { error: ScriptedResponse } {
    const refused = { error: oauthError(401, 'invalid_client', 'Client authentication failed', { 'www-authenticate': 'Basic realm="fake"' }) };
    const basic = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    const methods = [basic !== undefined, form.has('client_secret'), form.has('client_assertion')].filter(Boolean).length;
    // RFC 6749 section 2.3: a client must not use more than one authentication method per request.
    if (methods > 1) return { error: oauthError(400, 'invalid_request', 'More than one client authentication method') };

    if (basic !== undefined) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
      const clientId = formDecode(decoded.slice(0, separator));
      const secret = formDecode(decoded.slice(separator + 1));
      return this.client(clientId)?.clientSecret === secret ? { clientId } : refused;
    }
    const clientId = form.get('client_id') ?? '';
    const client = this.client(clientId);
    if (form.has('client_secret')) return client?.clientSecret !== undefined && client.clientSecret === form.get('client_secret') ? { clientId } : refused;
    if (form.has('client_assertion')) {
      if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION || client?.publicKey === undefined) return refused;
      return verifyClientAssertion(form.get('client_assertion') ?? '', client.publicKey, clientId, this.tokenUrl) ? { clientId } : refused;
    }
    return refused;
  }

  private client(clientId: string): FakeOAuthClient | undefined {
    return this.options.clients?.find((client) => client.clientId === clientId);
  }
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): ScriptedResponse {
  return { status, headers: { 'cache-control': 'no-store', ...headers }, body: { error, error_description: description } };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An RS256 client assertion as RFC 7523 section 3 describes it, signed with `privateKey`. */
export function signClientAssertion(privateKey: KeyObject, claims: { clientId: string; audience: string; lifetimeSeconds?: number }): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      iss: claims.clientId,
      sub: claims.clientId,
      aud: claims.audience,
      iat: issuedAt,
      exp: issuedAt + (claims.lifetimeSeconds ?? 60),
      jti: randomBytes(16).toString('hex'),
    }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** Checks an RS256 client assertion: signature, iss and sub naming the client, aud naming the token endpoint, not expired. */
function verifyClientAssertion(assertion: string, publicKey: KeyObject, clientId: string, tokenUrl: string): boolean {
  const [header, payload, signature] = assertion.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return false;
  const decode = (part: string) => {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const signed = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature, 'base64url'));
  if (decode(header).alg !== 'RS256' || !signed) return false;
  const claims = decode(payload);
  return (
    claims.iss === clientId &&
    claims.sub === clientId &&
    claims.aud === tokenUrl &&
    typeof claims.exp === 'number' &&
    claims.exp > Date.now() / 1000 &&
    typeof claims.jti === 'string'
  );
}
