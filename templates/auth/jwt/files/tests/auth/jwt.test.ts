import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import type { RunningHttpServer } from '../../src/http/server.js';
import { parseConfig } from '../../src/load-config.js';
import {
  ACCESS_TEST_PROVIDER,
  advertisedScopes,
  callTool,
  capabilities,
  challengeOf,
  connectWithHeaders,
  listTools,
  postWithHeaderLines,
  PRM_PATH,
} from '../helpers/access-fixtures.js';
import { MCP_POST_HEADERS, rawRequest, type RawResponse } from '../helpers/http.js';
import { startTestServer } from '../helpers/http-server.js';
import { TestIdentityProvider, testClientCredentials } from '../helpers/oidc-provider.js';
import { presetTestIdp } from '../helpers/preset-claims.js';


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

const start = async (overrides: Record<string, string> = {}) => {
  server = await startTestServer({ ...idp.serverEnv, ...overrides }, { capabilities });
  return server;
};
const resource = () => `${server.url}/mcp`;
const post = (body: string, token?: string, path = '/mcp'): Promise<RawResponse> =>
  rawRequest(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...MCP_POST_HEADERS, ...(token !== undefined && { authorization: `Bearer ${token}` }) },
    body,
  });
const now = () => Math.floor(Date.now() / 1000);

const connect = (token: string, era: 'modern' | 'legacy'): Promise<Client> => connectWithHeaders(resource(), { authorization: `Bearer ${token}` }, era);

describe('auth strategy "jwt": configuration', () => {
  it('requires the identity provider settings for HTTP', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
  });

  it('needs no identity provider over stdio, where nothing is authenticated', () => {
    expect(parseConfig({ MCP_TRANSPORT: 'stdio' }).MCP_TRANSPORT).toBe('stdio');
  });

  it('reuses a verification of the same token for 60 seconds by default, and for an hour at most', () => {
    expect(parseConfig(presetTestIdp.placeholderEnv).AUTH_VERIFIED_TOKEN_CACHE_SECONDS).toBe(60);
    expect(parseConfig({ ...presetTestIdp.placeholderEnv, AUTH_VERIFIED_TOKEN_CACHE_SECONDS: '0' }).AUTH_VERIFIED_TOKEN_CACHE_SECONDS).toBe(0);
    expect(() => parseConfig({ ...presetTestIdp.placeholderEnv, AUTH_VERIFIED_TOKEN_CACHE_SECONDS: '86400' })).toThrow(/AUTH_VERIFIED_TOKEN_CACHE_SECONDS/);
  });

  it.each(['HS256', 'none'])('refuses %s in AUTH_ALGORITHMS', (alg) => {
    expect(() => parseConfig({ ...presetTestIdp.placeholderEnv, AUTH_ALGORITHMS: `RS256,${alg}` })).toThrow(/AUTH_ALGORITHMS/);
  });
});

describe('auth strategy "jwt": the resource server', () => {
  describe.each(['modern', 'legacy'] as const)('with a valid token and a %s-era client', (era) => {
    it('lists and calls tools', async () => {
      await start();
      const client = await connect(await idp.issueToken('reader', resource()), era);
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['echo', 'read_report', 'audit_log', 'whoami']));
        const result = await client.callTool({ name: 'read_report', arguments: {} });
        expect(result.content).toEqual([{ type: 'text', text: 'the report' }]);
      } finally {
        await client.close();
      }
    });
  });

  it('answers a request without a token with 401 pointing at the protected-resource metadata', async () => {
    await start();
    const response = await post(listTools);
    expect(response.status).toBe(401);
    const challenge = challengeOf(response);
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
    expect(challenge).toContain(`scope="${advertisedScopes((scope) => idp.requestableScope(scope)).join(' ')}"`);
    expect(challenge).not.toContain('error=');
  });

  it.each([`${PRM_PATH}/mcp`, PRM_PATH])('serves the protected-resource metadata at %s', async (path) => {
    await start();
    const response = await rawRequest(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      resource: resource(),
      authorization_servers: [idp.authorizationServer],
      scopes_supported: advertisedScopes((scope) => idp.requestableScope(scope)),
      bearer_methods_supported: ['header'],
      resource_name: expect.any(String),
    });
  });

  it('is not ready until the signing keys have been fetched', async () => {
    await start(presetTestIdp.serverEnv(`http://127.0.0.1:1${presetTestIdp.mountPath}`));
    const response = await rawRequest(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'not_ready', checks: { auth: false } });
  });

  describe('refuses with 401 invalid_token', () => {
    const refused = async (token: string, reason: RegExp) => {
      const response = await post(listTools, token);
      expect(response.status).toBe(401);
      expect(challengeOf(response)).toContain('error="invalid_token"');
      expect(challengeOf(response)).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
      expect(JSON.parse(response.body).error_description).toMatch(reason);
    };

    it('an expired token', async () => {
      await start();
      await refused(await idp.mint(resource(), { iat: now() - 600, exp: now() - 120 }), /expired/);
    });

    it('a token it accepted before, once the token has expired', async () => {
      await start({ AUTH_CLOCK_SKEW_SECONDS: '0' });
      const token = await idp.mint(resource(), { exp: now() + 30 });
      expect((await post(listTools, token)).status).toBe(200);
      expect((await post(listTools, token)).status).toBe(200);
      // Only the clock moves on: the provider, the server and the token stay as they are.
      vi.useFakeTimers({ toFake: ['Date'], now: (decodeJwt(token).exp ?? 0) * 1000 });
      try {
        await refused(token, /expired/);
      } finally {
        vi.useRealTimers();
      }
    });

    it('a token whose nbf is in the future', async () => {
      await start();
      await refused(await idp.mint(resource(), { nbf: now() + 300, exp: now() + 600 }), /not valid yet/);
    });

    it('a token for another audience', async () => {
      await start();
      await refused(await idp.issueToken('reader', 'https://other.example.com/mcp'), /audience/);
    });

    it('a token from another issuer', async () => {
      await start();
      await refused(await idp.mint(resource(), { iss: 'https://evil.example.com' }), /issuer/);
    });

    it('a token without exp', async () => {
      await start();
      await refused(await idp.mint(resource(), { exp: undefined }), /expiry/);
    });

    it('an unsigned token (alg none)', async () => {
      await start();
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: idp.issuer, sub: 'x', aud: resource(), exp: now() + 300 })}.`;
      await refused(unsigned, /./);
    });

    it('a token signed with HS256 using the public key as the secret', async () => {
      await start();
      const key = idp.currentKey;
      const forged = await new SignJWT({ iss: idp.issuer, sub: 'x', aud: resource(), exp: now() + 300 })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .sign(new TextEncoder().encode(key.publicPem));
      await refused(forged, /algorithm/);
    });

    it('a token whose payload was altered after signing', async () => {
      await start();
      const [header, , signature] = (await idp.issueToken('no-access', resource())).split('.');
      const payload = Buffer.from(JSON.stringify({ iss: idp.issuer, sub: 'no-access', aud: resource(), exp: now() + 300, scope: 'reports:read' })).toString('base64url');
      await refused(`${header}.${payload}.${signature}`, /signature/);
    });

    it('a token from a tenant outside AUTH_ALLOWED_TENANTS', async () => {
      await start({ AUTH_ALLOWED_TENANTS: 'acme' });
      await refused(await idp.issueToken('foreign', resource()), /tenant/);
      expect((await post(listTools, await idp.issueToken('reader', resource()))).status).toBe(200);
    });
  });

  it('refuses two Authorization headers with 400 invalid_request, even when both hold valid tokens', async () => {
    await start();
    const first = `Bearer ${await idp.issueToken('reader', resource())}`;
    const second = `Bearer ${await idp.issueToken('no-access', resource())}`;
    const response = await postWithHeaderLines(resource(), [['authorization', first], ['authorization', second]], listTools);
    expect(response.status).toBe(400);
    expect(challengeOf(response)).toContain('error="invalid_request"');
    expect(JSON.parse(response.body).error_description).toMatch(/authorization header must be sent once/i);
  });

  describe('AUTH_ALGORITHMS, with a provider that signs its access tokens with ES256', () => {
    let ellipticIdp: TestIdentityProvider;
    beforeAll(async () => {
      ellipticIdp = await TestIdentityProvider.start({ ...ACCESS_TEST_PROVIDER, accessTokenAlgorithm: 'ES256' });
    });
    afterAll(async () => {
      await ellipticIdp.close();
    });
    const ellipticToken = async () => {
      const token = await ellipticIdp.issueToken('reader', resource());
      expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).alg).toBe('ES256');
      return token;
    };

    it('accepts its token when AUTH_ALGORITHMS lists ES256', async () => {
      await start({ ...ellipticIdp.serverEnv, AUTH_ALGORITHMS: 'RS256,ES256' });
      expect((await post(listTools, await ellipticToken())).status).toBe(200);
    });

    it('refuses its genuine token with 401 invalid_token when AUTH_ALGORITHMS lists only RS256', async () => {
      await start({ ...ellipticIdp.serverEnv, AUTH_ALGORITHMS: 'RS256' });
      const response = await post(listTools, await ellipticToken());
      expect(response.status).toBe(401);
      expect(challengeOf(response)).toContain('error="invalid_token"');
      expect(JSON.parse(response.body).error_description).toMatch(/algorithm/);
    });
  });

  it('refuses an access token in the query string with 400', async () => {
    await start();
    const token = await idp.issueToken('reader', resource());
    const response = await post(listTools, token, `/mcp?access_token=${token}`);
    expect(response.status).toBe(400);
    expect(challengeOf(response)).toContain('error="invalid_request"');
  });

  it('does not refetch the signing keys for an unknown key id within the cooldown', async () => {
    await start();
    expect((await rawRequest(`${server.url}/readyz`)).status).toBe(200);
    const downloads = idp.jwksDownloads;
    const stranger = await TestIdentityProvider.start({ scopes: [], clients: [] });
    try {
      const response = await post(listTools, await idp.mint(resource(), {}, { key: stranger.currentKey }));
      expect(response.status).toBe(401);
      expect(idp.jwksDownloads).toBe(downloads);
    } finally {
      await stranger.close();
    }
  });

  it('follows a key rotation: an unknown key id triggers one refetch, then the token is accepted', async () => {
    await start({ AUTH_JWKS_COOLDOWN_SECONDS: '0' });
    expect((await post(listTools, await idp.issueToken('reader', resource()))).status).toBe(200);
    const downloads = idp.jwksDownloads;
    await idp.rotateKeys();
    const rotated = await idp.issueToken('reader', resource());
    expect(JSON.parse(Buffer.from(rotated.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(idp.currentKey.kid);
    expect((await post(listTools, rotated)).status).toBe(200);
    expect(idp.jwksDownloads).toBe(downloads + 1);
  });

  describe('per-tool access', () => {
    it('answers a call lacking a scope with 403 insufficient_scope naming the scope', async () => {
      await start();
      const response = await post(callTool('read_report'), await idp.issueToken('no-access', resource()));
      expect(response.status).toBe(403);
      const challenge = challengeOf(response);
      expect(challenge).toContain('error="insufficient_scope"');
      expect(challenge).toContain(`scope="${idp.requestableScope('reports:read')}"`);
      expect(challenge).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
      expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', id: 7, error: { message: expect.stringContaining('reports:read') } });
    });

    it('answers a call lacking a role with 403 and a JSON-RPC error', async () => {
      await start();
      const response = await post(callTool('audit_log'), await idp.issueToken('no-access', resource()));
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', id: 7, error: { message: expect.stringContaining('auditor') } });
    });

    it('hides from tools/list the tools a caller may not use', async () => {
      await start();
      const withoutAccess = await connect(await idp.issueToken('no-access', resource()), 'modern');
      const withAccess = await connect(await idp.issueToken('reader', resource()), 'modern');
      try {
        const hidden = (await withoutAccess.listTools()).tools.map((tool) => tool.name);
        expect(hidden).toContain('echo');
        expect(hidden).not.toContain('audit_log');
        expect(hidden).not.toContain('read_report');
        expect((await withAccess.listTools()).tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['audit_log', 'read_report']));
      } finally {
        await withoutAccess.close();
        await withAccess.close();
      }
    });
  });

  it('whoami returns the identity mapped from the token', async () => {
    await start();
    const client = await connect(await idp.issueToken('reader', resource()), 'modern');
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toEqual({ subject: 'reader', clientId: 'reader', tenant: 'acme', scopes: ['reports:read'], roles: ['auditor'] });
    } finally {
      await client.close();
    }
  });

  it('lets an SDK client discover the authorization server from the 401 and obtain a token with client credentials', async () => {
    await start();
    const authProvider = new ClientCredentialsProvider({ ...testClientCredentials('reader'), expectedIssuer: idp.authorizationServer });
    const client = new Client({ name: 'machine-client', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(resource()), { authProvider }));
    try {
      const result = await client.callTool({ name: 'read_report', arguments: {} });
      expect(result.content).toEqual([{ type: 'text', text: 'the report' }]);
    } finally {
      await client.close();
    }
  });
});
