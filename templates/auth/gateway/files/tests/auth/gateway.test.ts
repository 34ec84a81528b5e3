import { Client } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import type { RunningHttpServer } from '../../src/http/server.js';
import { parseConfig } from '../../src/load-config.js';
import { contentDigest, gatewayFetch, signedRequestHeaders, TEST_GATEWAY_SECRET, type ForwardedIdentity, type ForwardedRequest } from '../helpers/gateway-signer.js';
import {
  ACCESS_TEST_PROVIDER,
  callTool,
  capabilities,
  challengeOf,
  connectWithFetch,
  connectWithHeaders,
  listTools,
  postWithHeaderLines,
  PRM_PATH,
} from '../helpers/access-fixtures.js';
import { MCP_POST_HEADERS, rawRequest, type RawResponse } from '../helpers/http.js';
import { startTestServer } from '../helpers/http-server.js';
import { TestIdentityProvider } from '../helpers/oidc-provider.js';
import { presetTestIdp } from '../helpers/preset-claims.js';

const now = () => Math.floor(Date.now() / 1000);

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await TestIdentityProvider.start(ACCESS_TEST_PROVIDER);
});
afterAll(async () => {
  await idp.close();
});

let server: RunningHttpServer;
afterEach(async () => {
  await server?.close();
});

const resource = () => `${server.url}/mcp`;
const post = (body: string, headers: Record<string, string> = {}, path = '/mcp'): Promise<RawResponse> =>
  rawRequest(`${server.url}${path}`, { method: 'POST', headers: { ...MCP_POST_HEADERS, ...headers }, body });

const connect = (headers: Record<string, string>): Promise<Client> => connectWithHeaders(resource(), headers);

const expectInvalid = async (response: RawResponse, reason: RegExp) => {
  expect(response.status).toBe(401);
  expect(challengeOf(response)).toContain('error="invalid_token"');
  expect(challengeOf(response)).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
  expect(JSON.parse(response.body).error_description).toMatch(reason);
};

/** A header sent twice is refused as malformed, whichever copy a proxy in front would have read. */
const expectRefusedAsRepeated = (response: RawResponse, name: string) => {
  expect(response.status).toBe(400);
  expect(challengeOf(response)).toContain('error="invalid_request"');
  expect(JSON.parse(response.body).error_description).toContain(`The ${name} header must be sent once`);
};

describe('auth strategy "gateway": configuration', () => {
  const idpEnv = presetTestIdp.placeholderEnv;

  it('defaults to verifying a forwarded JWT in the Authorization header', () => {
    expect(parseConfig({ ...idpEnv })).toMatchObject({ GATEWAY_MODE: 'jwt', GATEWAY_JWT_HEADER: 'authorization' });
  });

  it('requires the identity provider settings for HTTP', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
  });

  it('requires GATEWAY_HMAC_SECRET in hmac mode', () => {
    expect(() => parseConfig({ ...idpEnv, GATEWAY_MODE: 'hmac' })).toThrow(/GATEWAY_HMAC_SECRET/);
  });

  it('refuses a GATEWAY_HMAC_SECRET shorter than 32 characters', () => {
    expect(() => parseConfig({ ...idpEnv, GATEWAY_MODE: 'hmac', GATEWAY_HMAC_SECRET: 'short-secret' })).toThrow(/GATEWAY_HMAC_SECRET/);
  });

  it('refuses an unknown GATEWAY_MODE', () => {
    expect(() => parseConfig({ ...idpEnv, GATEWAY_MODE: 'headers' })).toThrow(/GATEWAY_MODE/);
  });
});

describe('auth strategy "gateway", GATEWAY_MODE=jwt: the forwarded JWT is verified', () => {
  const start = async (overrides: Record<string, string> = {}) => {
    server = await startTestServer({ ...idp.serverEnv, GATEWAY_MODE: 'jwt', ...overrides }, { capabilities });
  };

  it('serves a caller whose forwarded JWT verifies, through the SDK client', async () => {
    await start();
    const client = await connect({ authorization: `Bearer ${await idp.issueToken('reader', resource())}` });
    try {
      const result = await client.callTool({ name: 'read_report', arguments: {} });
      expect(result.content).toEqual([{ type: 'text', text: 'the report' }]);
      const whoami = await client.callTool({ name: 'whoami', arguments: {} });
      expect(whoami.structuredContent).toMatchObject({ subject: 'reader', tenant: 'acme', roles: ['auditor'] });
    } finally {
      await client.close();
    }
  });

  it('reads the JWT from GATEWAY_JWT_HEADER, bare or as Bearer, and ignores Authorization then', async () => {
    await start({ GATEWAY_JWT_HEADER: 'X-Forwarded-Access-Token' });
    const token = await idp.issueToken('reader', resource());
    expect((await post(listTools, { 'x-forwarded-access-token': token })).status).toBe(200);
    expect((await post(listTools, { 'x-forwarded-access-token': `Bearer ${token}` })).status).toBe(200);
    expect((await post(listTools, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('refuses a request carrying Authorization twice with 400 invalid_request', async () => {
    await start();
    const token = `Bearer ${await idp.issueToken('reader', resource())}`;
    expectRefusedAsRepeated(await postWithHeaderLines(resource(), [['authorization', token], ['authorization', token]], listTools), 'authorization');
  });

  it('refuses a request carrying GATEWAY_JWT_HEADER twice with 400 invalid_request', async () => {
    await start({ GATEWAY_JWT_HEADER: 'x-forwarded-access-token' });
    const token = await idp.issueToken('reader', resource());
    expectRefusedAsRepeated(await postWithHeaderLines(resource(), [['x-forwarded-access-token', token], ['x-forwarded-access-token', token]], listTools), 'x-forwarded-access-token');
  });

  it('refuses bare identity headers without a JWT with 401', async () => {
    await start();
    const response = await post(listTools, { 'x-forwarded-user': 'admin', 'x-forwarded-scopes': 'reports:read', 'x-forwarded-roles': 'auditor' });
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
  });

  it('takes the identity from the JWT only, never from forwarded headers beside it', async () => {
    await start();
    const headers = { authorization: `Bearer ${await idp.issueToken('no-access', resource())}`, 'x-forwarded-user': 'admin', 'x-forwarded-roles': 'auditor' };
    expect((await post(callTool('audit_log'), headers)).status).toBe(403);
  });

  it('refuses an expired JWT', async () => {
    await start();
    await expectInvalid(await post(listTools, { authorization: `Bearer ${await idp.mint(resource(), { iat: now() - 600, exp: now() - 120 })}` }), /expired/);
  });

  it('refuses a JWT for another audience', async () => {
    await start();
    await expectInvalid(await post(listTools, { authorization: `Bearer ${await idp.issueToken('reader', 'https://other.example.com/mcp')}` }), /audience/);
  });

  it('refuses a JWT whose payload was altered', async () => {
    await start();
    const [header, , signature] = (await idp.issueToken('no-access', resource())).split('.');
    const payload = Buffer.from(JSON.stringify({ iss: idp.issuer, sub: 'no-access', aud: resource(), exp: now() + 300, scope: 'reports:read' })).toString('base64url');
    await expectInvalid(await post(listTools, { authorization: `Bearer ${header}.${payload}.${signature}` }), /signature/);
  });

  it('refuses a genuine JWT signed with an algorithm AUTH_ALGORITHMS does not list', async () => {
    const ellipticIdp = await TestIdentityProvider.start({ ...ACCESS_TEST_PROVIDER, accessTokenAlgorithm: 'ES256' });
    try {
      await start({ ...ellipticIdp.serverEnv, AUTH_ALGORITHMS: 'RS256' });
      await expectInvalid(await post(listTools, { authorization: `Bearer ${await ellipticIdp.issueToken('reader', resource())}` }), /algorithm/);
    } finally {
      await ellipticIdp.close();
    }
  });

  it('accepts JWTs the gateway mints itself when GATEWAY_JWT_ISSUER names its issuer, and only those', async () => {
    const gatewayIssuer = await TestIdentityProvider.start({ scopes: [], clients: [] });
    try {
      await start({ GATEWAY_JWT_ISSUER: gatewayIssuer.issuer });
      const minted = await gatewayIssuer.mint(resource(), { sub: 'carol', scope: 'reports:read', ...presetTestIdp.callerClaims({ roles: ['auditor'] }) });
      expect((await post(callTool('audit_log'), { authorization: `Bearer ${minted}` })).status).toBe(200);
      await expectInvalid(await post(listTools, { authorization: `Bearer ${await idp.issueToken('reader', resource())}` }), /unknown key|issuer/);
    } finally {
      await gatewayIssuer.close();
    }
  });

  it('refuses GATEWAY_JWKS_URI without GATEWAY_JWT_ISSUER', () => {
    expect(() => parseConfig({ ...presetTestIdp.placeholderEnv, GATEWAY_JWKS_URI: 'https://gateway.example.test/keys' })).toThrow(/GATEWAY_JWKS_URI/);
  });

  it('refuses a token in the query string with 400', async () => {
    await start();
    const token = await idp.issueToken('reader', resource());
    expect((await post(listTools, { authorization: `Bearer ${token}` }, `/mcp?access_token=${token}`)).status).toBe(400);
  });

  it('serves the protected-resource metadata naming the identity provider', async () => {
    await start();
    const response = await rawRequest(`${server.url}${PRM_PATH}/mcp`);
    expect(JSON.parse(response.body)).toMatchObject({ resource: resource(), authorization_servers: [idp.authorizationServer] });
  });
});

describe('auth strategy "gateway", GATEWAY_MODE=hmac: signed requests', () => {
  const start = async (overrides: Record<string, string> = {}) => {
    server = await startTestServer({ ...presetTestIdp.placeholderEnv, GATEWAY_MODE: 'hmac', GATEWAY_HMAC_SECRET: TEST_GATEWAY_SECRET, ...overrides }, { capabilities });
  };
  const reader: ForwardedIdentity = { user: 'alice', scopes: ['reports:read'], roles: ['auditor'], tenant: 'acme' };
  /** Headers the gateway sets on a POST /mcp of `body`, signed with `secret`. */
  const signed = (body: string, identity: ForwardedIdentity = reader, request: ForwardedRequest = {}, secret = TEST_GATEWAY_SECRET) =>
    signedRequestHeaders(secret, identity, { body, ...request });

  it('serves a caller the gateway vouches for, through the SDK client', async () => {
    await start();
    const client = await connectWithFetch(resource(), gatewayFetch(TEST_GATEWAY_SECRET, reader));
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['read_report', 'audit_log']));
      const whoami = await client.callTool({ name: 'whoami', arguments: {} });
      expect(whoami.structuredContent).toEqual({ subject: 'alice', tenant: 'acme', scopes: ['reports:read'], roles: ['auditor'] });
    } finally {
      await client.close();
    }
  });

  it('accepts a freshly signed request', async () => {
    await start();
    const response = await post(callTool('read_report'), signed(callTool('read_report')));
    expect(response.status).toBe(200);
    expect(response.body).toContain('the report');
  });

  it('answers a request without identity with 401 pointing at the protected-resource metadata', async () => {
    await start();
    const response = await post(listTools);
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
  });

  it('refuses identity headers without a signature', async () => {
    await start();
    const { 'x-gateway-signature': _signature, ...unsigned } = signed(listTools);
    await expectInvalid(await post(listTools, unsigned), /signed by the gateway/);
  });

  it('refuses a signature made with another secret', async () => {
    await start();
    await expectInvalid(await post(listTools, signed(listTools, reader, {}, 'another-secret-that-is-long-enough-0123456789')), /signature/);
  });

  it('refuses a malformed signature', async () => {
    await start();
    await expectInvalid(await post(listTools, { ...signed(listTools), 'x-gateway-signature': 'not-a-signature' }), /signature/);
  });

  it.each([
    ['x-forwarded-user', 'mallory'],
    ['x-forwarded-scopes', 'reports:read admin:all'],
    ['x-forwarded-roles', 'auditor,admin'],
    ['x-forwarded-tenant', 'globex'],
    ['x-gateway-nonce', 'another-nonce-0123456789'],
  ])('refuses headers altered after signing (%s)', async (name, value) => {
    await start();
    await expectInvalid(await post(listTools, { ...signed(listTools), [name]: value }), /signature/);
  });

  it('refuses an added identity header the gateway did not sign', async () => {
    await start();
    const { tenant: _tenant, ...withoutTenant } = reader;
    await expectInvalid(await post(listTools, { ...signed(listTools, withoutTenant), 'x-forwarded-tenant': 'acme' }), /signature/);
  });

  it.each(['x-gateway-nonce', 'content-digest'])('refuses a request signed without %s', async (name) => {
    await start();
    const { [name]: _removed, ...incomplete } = signed(listTools);
    await expectInvalid(await post(listTools, incomplete), new RegExp(name, 'i'));
  });

  it('refuses a stale timestamp, and one from the future', async () => {
    await start({ GATEWAY_MAX_SKEW_SECONDS: '30' });
    await expectInvalid(await post(listTools, signed(listTools, { ...reader, timestamp: now() - 120 })), /stale/);
    await expectInvalid(await post(listTools, signed(listTools, { ...reader, timestamp: now() + 120 })), /stale/);
  });

  it('refuses a signed identity that names no user', async () => {
    await start();
    await expectInvalid(await post(listTools, signed(listTools, { scopes: ['reports:read'] })), /no user/);
  });

  describe('binds the signature to the request it was made for', () => {
    it('refuses a captured request replayed as it was', async () => {
      await start();
      const captured = signed(listTools);
      expect((await post(listTools, captured)).status).toBe(200);
      await expectInvalid(await post(listTools, captured), /replay/);
    });

    it("refuses a captured request's headers replayed with another body", async () => {
      await start();
      const captured = signed(listTools);
      expect((await post(listTools, captured)).status).toBe(200);
      await expectInvalid(await post(callTool('audit_log'), captured), /Content-Digest/);
    });

    it('refuses a second request signed with a nonce already used', async () => {
      await start();
      expect((await post(listTools, signed(listTools, reader, { nonce: 'nonce-used-once-0123456789' }))).status).toBe(200);
      await expectInvalid(await post(callTool('read_report'), signed(callTool('read_report'), reader, { nonce: 'nonce-used-once-0123456789' })), /replay/);
    });

    it('refuses a body changed on the way, before its genuine request arrives', async () => {
      await start();
      const headers = signed(callTool('read_report'));
      await expectInvalid(await post(callTool('audit_log'), headers), /Content-Digest/);
    });

    it('refuses a Content-Digest recomputed for another body', async () => {
      await start();
      await expectInvalid(await post(callTool('audit_log'), { ...signed(callTool('read_report')), 'content-digest': contentDigest(callTool('audit_log')) }), /signature/);
    });

    it.each([
      ['another method', 'DELETE', '/mcp'],
      ['another path', 'POST', '/mcp/'],
      ['another query', 'POST', '/mcp?tenant=globex'],
    ])('refuses a request signed for POST /mcp and sent with %s', async (_case, method, target) => {
      await start();
      const headers = { ...MCP_POST_HEADERS, 'content-length': String(Buffer.byteLength(listTools)), ...signed(listTools) };
      const response = await rawRequest(`${server.url}${target}`, { method, headers, body: listTools });
      await expectInvalid(response, /signature/);
    });
  });

  it.each(['x-forwarded-user', 'x-forwarded-roles', 'x-forwarded-timestamp', 'x-gateway-nonce', 'content-digest', 'x-gateway-signature'])(
    'refuses %s sent twice with 400 invalid_request',
    async (name) => {
      await start();
      const headers = signed(listTools);
      const lines = Object.entries(headers).flatMap(([header, value]): Array<[string, string]> => (header === name ? [[header, value], [header, value]] : [[header, value]]));
      expectRefusedAsRepeated(await postWithHeaderLines(resource(), lines, listTools), name);
    },
  );

  it('enforces per-tool scopes and roles on the forwarded identity', async () => {
    await start();
    const nobody: ForwardedIdentity = { user: 'bob', scopes: [], roles: [] };
    const scopeless = await post(callTool('read_report'), signed(callTool('read_report'), nobody));
    expect(scopeless.status).toBe(403);
    expect(challengeOf(scopeless)).toContain('error="insufficient_scope"');
    expect((await post(callTool('audit_log'), signed(callTool('audit_log'), nobody))).status).toBe(403);
    expect((await post(callTool('read_report'), signed(callTool('read_report')))).status).toBe(200);
  });

  it('applies AUTH_ALLOWED_TENANTS', async () => {
    await start({ AUTH_ALLOWED_TENANTS: 'globex' });
    await expectInvalid(await post(listTools, signed(listTools)), /tenant/);
  });
});
