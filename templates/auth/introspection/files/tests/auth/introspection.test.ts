import { Client } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import type { RunningHttpServer } from '../../src/http/server.js';
import { parseConfig } from '../../src/load-config.js';
import type { Store } from '../../src/storage/store.js';
import { introspectionEnv, RESOURCE_SERVER_CLIENT } from '../helpers/auth-client.js';
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
import { isolatedStore } from '../helpers/test-store.js';
import { TestIdentityProvider } from '../helpers/oidc-provider.js';
import { presetTestIdp } from '../helpers/preset-claims.js';


let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await TestIdentityProvider.start({
    ...ACCESS_TEST_PROVIDER,
    accessTokenFormat: 'opaque',
    introspectors: [RESOURCE_SERVER_CLIENT],
  });
});
afterAll(async () => {
  await idp.close();
});

let server: RunningHttpServer;
afterEach(async () => {
  await server?.close();
});

const start = async (overrides: Record<string, string> = {}) => {
  server = await startTestServer({ ...introspectionEnv(idp), ...overrides }, { capabilities });
  return server;
};
const resource = () => `${server.url}/mcp`;
const post = (body: string, token?: string, path = '/mcp'): Promise<RawResponse> =>
  rawRequest(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...MCP_POST_HEADERS, ...(token !== undefined && { authorization: `Bearer ${token}` }) },
    body,
  });

const connect = (token: string, era: 'modern' | 'legacy'): Promise<Client> => connectWithHeaders(resource(), { authorization: `Bearer ${token}` }, era);

describe('auth strategy "introspection": configuration', () => {
  it('requires the identity provider and client settings for HTTP', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
    expect(() => parseConfig({ ...presetTestIdp.placeholderEnv })).toThrow(/AUTH_CLIENT_ID[\s\S]*AUTH_CLIENT_SECRET/);
  });

  it('accepts a complete configuration', () => {
    const config = parseConfig({ ...presetTestIdp.placeholderEnv, AUTH_CLIENT_ID: 'mcp', AUTH_CLIENT_SECRET: 's3cret' });
    expect(config.AUTH_INTROSPECTION_CACHE_SECONDS).toBe(60);
  });

  it('needs nothing over stdio, where nothing is authenticated', () => {
    expect(parseConfig({ MCP_TRANSPORT: 'stdio' }).MCP_TRANSPORT).toBe('stdio');
  });

  it('refuses a cache lifetime beyond an hour', () => {
    expect(() =>
      parseConfig({ ...presetTestIdp.placeholderEnv, AUTH_CLIENT_ID: 'mcp', AUTH_CLIENT_SECRET: 's3cret', AUTH_INTROSPECTION_CACHE_SECONDS: '86400' }),
    ).toThrow(/AUTH_INTROSPECTION_CACHE_SECONDS/);
  });
});

describe('auth strategy "introspection": the resource server', () => {
  it('issues opaque tokens in these tests (not JWTs)', async () => {
    await start();
    expect((await idp.issueToken('reader', resource())).split('.')).toHaveLength(1);
  });

  describe.each(['modern', 'legacy'] as const)('with an active token and a %s-era client', (era) => {
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

  it('whoami returns the identity mapped from the introspection answer', async () => {
    await start();
    const client = await connect(await idp.issueToken('reader', resource()), 'modern');
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toEqual({ subject: 'reader', clientId: 'reader', tenant: 'acme', scopes: ['reports:read'], roles: ['auditor'] });
    } finally {
      await client.close();
    }
  });

  it('answers a request without a token with 401 pointing at the protected-resource metadata', async () => {
    await start();
    const response = await post(listTools);
    expect(response.status).toBe(401);
    const challenge = challengeOf(response);
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
    expect(challenge).toContain(`scope="${advertisedScopes((scope) => idp.requestableScope(scope)).join(' ')}"`);
  });

  it.each([`${PRM_PATH}/mcp`, PRM_PATH])('serves the protected-resource metadata at %s', async (path) => {
    await start();
    const response = await rawRequest(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ resource: resource(), authorization_servers: [idp.authorizationServer], scopes_supported: advertisedScopes((scope) => idp.requestableScope(scope)) });
  });

  it('serves a repeated token from the cache: the provider is asked once', async () => {
    await start();
    const token = await idp.issueToken('reader', resource());
    const before = idp.introspections;
    expect((await post(listTools, token)).status).toBe(200);
    expect((await post(listTools, token)).status).toBe(200);
    expect((await post(callTool('read_report'), token)).status).toBe(200);
    expect(idp.introspections).toBe(before + 1);
  });

  it('keeps the cached answers sealed: nothing the provider said about the caller is stored readable', async () => {
    const written: string[] = [];
    const store = isolatedStore();
    const recording: Store = { ...store, set: async (key, value, options) => (written.push(JSON.stringify(value)), store.set(key, value, options)) };
    server = await startTestServer(introspectionEnv(idp), { capabilities, store: recording });
    const token = await idp.issueToken('reader', resource());

    expect((await post(listTools, token)).status).toBe(200);

    expect(written).toHaveLength(1);
    expect(written[0]).not.toContain('reader');
    expect(written[0]).not.toContain('reports:read');
  });

  it('asks the provider every time when the cache is off', async () => {
    await start({ AUTH_INTROSPECTION_CACHE_SECONDS: '0' });
    const token = await idp.issueToken('reader', resource());
    const before = idp.introspections;
    expect((await post(listTools, token)).status).toBe(200);
    expect((await post(listTools, token)).status).toBe(200);
    expect(idp.introspections).toBe(before + 2);
  });

  describe('refuses with 401 invalid_token', () => {
    const refused = async (token: string, reason: RegExp) => {
      const response = await post(listTools, token);
      expect(response.status).toBe(401);
      expect(challengeOf(response)).toContain('error="invalid_token"');
      expect(challengeOf(response)).toContain(`resource_metadata="${server.url}${PRM_PATH}/mcp"`);
      expect(JSON.parse(response.body).error_description).toMatch(reason);
    };

    it('a revoked token', async () => {
      await start();
      const token = await idp.issueToken('reader', resource());
      await idp.revoke('reader', token);
      await refused(token, /not active/);
    });

    it('a token the provider never issued', async () => {
      await start();
      await refused('made-up-token-value-that-the-provider-does-not-know', /not active/);
    });

    it('a token for another audience', async () => {
      await start();
      await refused(await idp.issueToken('reader', 'https://other.example.com/mcp'), /audience/);
    });

    it('a token from a tenant outside AUTH_ALLOWED_TENANTS', async () => {
      await start({ AUTH_ALLOWED_TENANTS: 'acme' });
      await refused(await idp.issueToken('foreign', resource()), /tenant/);
      expect((await post(listTools, await idp.issueToken('reader', resource()))).status).toBe(200);
    });
  });

  it('answers 503, not 401, when the provider refuses this server’s own client credentials', async () => {
    await start({ AUTH_CLIENT_SECRET: 'not-the-secret' });
    const response = await post(listTools, await idp.issueToken('reader', resource()));
    expect(response.status).toBe(503);
    expect(challengeOf(response)).not.toContain('invalid_token');
  });

  it('is not ready until the introspection endpoint is known', async () => {
    await start(presetTestIdp.serverEnv(`http://127.0.0.1:1${presetTestIdp.mountPath}`));
    const response = await rawRequest(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'not_ready', checks: { auth: false } });
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

  it('refuses an access token in the query string with 400', async () => {
    await start();
    const token = await idp.issueToken('reader', resource());
    const response = await post(listTools, token, `/mcp?access_token=${token}`);
    expect(response.status).toBe(400);
    expect(challengeOf(response)).toContain('error="invalid_request"');
  });

  describe('per-tool access', () => {
    it('answers a call lacking a scope with 403 insufficient_scope naming the scope', async () => {
      await start();
      const response = await post(callTool('read_report'), await idp.issueToken('no-access', resource()));
      expect(response.status).toBe(403);
      expect(challengeOf(response)).toContain('error="insufficient_scope"');
      expect(challengeOf(response)).toContain(`scope="${idp.requestableScope('reports:read')}"`);
    });

    it('answers a call lacking a role with 403', async () => {
      await start();
      const response = await post(callTool('audit_log'), await idp.issueToken('no-access', resource()));
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', id: 7, error: { message: expect.stringContaining('auditor') } });
    });

    it('hides from tools/list the tools a caller may not use', async () => {
      await start();
      const client = await connect(await idp.issueToken('no-access', resource()), 'modern');
      try {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        expect(names).toContain('echo');
        expect(names).not.toContain('audit_log');
        expect(names).not.toContain('read_report');
      } finally {
        await client.close();
      }
    });
  });
});
