import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authorizationUrl, pkce, register } from '../../helpers/oauth-proxy-flow.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';

/**
 * TCP listeners on 127.0.0.1 and, where the machine has IPv6, on [::1] (same port), counting the
 * connections made to them and answering none: any attempt to fetch a document there shows.
 */
async function connectionCounter(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const listen = async (host: string, port: number): Promise<Server | undefined> => {
    const server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    server.listen(port, host);
    const listening = await Promise.race([once(server, 'listening').then(() => true), once(server, 'error').then(() => false)]);
    return listening ? server : undefined;
  };
  const ipv4 = (await listen('127.0.0.1', 0)) as Server;
  const port = (ipv4.address() as AddressInfo).port;
  const servers = [ipv4, await listen('::1', port)].filter((server) => server !== undefined);
  return {
    port,
    connections: () => connections,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

describe('clients and discovery', () => {
  let bed: ProxyTestBed;
  beforeEach(async () => {
    bed = await startProxyTestBed({ AUTH_REGISTRATIONS_PER_HOUR: '3' });
  });
  afterEach(async () => {
    await bed.close();
  });

  describe('dynamic client registration', () => {
    it('answers 429 with Retry-After to registrations beyond AUTH_REGISTRATIONS_PER_HOUR from one address', async () => {
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await register(bed.server)).status);
      const refused = await register(bed.server);
      expect(statuses).toEqual([201, 201, 201]);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('3600');
      expect(((await refused.json()) as { error: string }).error).toBe('too_many_requests');
    });

    // Without TRUST_PROXY, the address is the peer's: a header the caller writes changes nothing.
    it('does not start a new count for a request naming another address in X-Forwarded-For', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) await register(bed.server);
      const response = await fetch(`${bed.server.url}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
        body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:33418/callback'], token_endpoint_auth_method: 'none' }),
      });
      expect(response.status).toBe(429);
    });
  });

  describe('client ID metadata documents', () => {
    let counter: Awaited<ReturnType<typeof connectionCounter>>;
    beforeEach(async () => {
      counter = await connectionCounter();
    });
    afterEach(async () => {
      await counter.close();
    });

    const privateDocuments: Array<[string, (port: number) => string]> = [
      ['a loopback address', (port) => `https://127.0.0.1:${port}/client.json`],
      ['localhost', (port) => `https://localhost:${port}/client.json`],
      ['a name under .localhost', (port) => `https://mcp.localhost:${port}/client.json`],
      ['a loopback address in hexadecimal', (port) => `https://0x7f.0.0.1:${port}/client.json`],
      ['a loopback address as one number', (port) => `https://2130706433:${port}/client.json`],
      ['an IPv4-mapped IPv6 loopback address', (port) => `https://[::ffff:127.0.0.1]:${port}/client.json`],
      ['the IPv6 loopback address', (port) => `https://[::1]:${port}/client.json`],
      ['a private address', () => 'https://10.0.0.1/client.json'],
      ['a link-local address (cloud metadata)', () => 'https://169.254.169.254/latest/meta-data/client.json'],
      ['a single-label name', () => 'https://intranet/client.json'],
    ];

    it.each(privateDocuments)('refuses a client ID on %s with an error page, without fetching it', async (_where, clientId) => {
      const url = await authorizationUrl(bed.server, clientId(counter.port), pkce().challenge);
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('Sign-in failed');
      expect(counter.connections()).toBe(0);
    });
  });

  describe('metadata', () => {
    it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'])('%s names this server as issuer and what MCP clients rely on', async (path) => {
      const response = await fetch(`${bed.server.url}${path}`);
      const metadata = (await response.json()) as Record<string, unknown>;
      expect(response.status).toBe(200);
      expect(metadata).toMatchObject({
        issuer: bed.server.url,
        authorization_endpoint: `${bed.server.url}/oauth/authorize`,
        token_endpoint: `${bed.server.url}/oauth/token`,
        registration_endpoint: `${bed.server.url}/oauth/register`,
        code_challenge_methods_supported: ['S256'],
        client_id_metadata_document_supported: true,
        authorization_response_iss_parameter_supported: true,
      });
    });

    // A client that prefers an endpoint the metadata names (PAR, say) must find it there.
    it('serves every endpoint its metadata names', async () => {
      const metadata = (await (await fetch(`${bed.server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
      const endpoints = Object.entries(metadata).filter(([name, value]) => (name.endsWith('_endpoint') || name === 'jwks_uri') && typeof value === 'string');
      const missing = [];
      for (const [name, value] of endpoints) {
        const response = await fetch(String(value), { method: name === 'jwks_uri' || name === 'authorization_endpoint' ? 'GET' : 'POST', redirect: 'manual' });
        if (response.status === 404) missing.push(`${name}: ${String(value)}`);
      }
      expect(missing).toEqual([]);
    });

    it('publishes protected resource metadata naming this server as the MCP endpoint’s authorization server', async () => {
      const response = await fetch(`${bed.server.url}/.well-known/oauth-protected-resource/mcp`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ resource: `${bed.server.url}/mcp`, authorization_servers: [bed.server.url] });
    });

    it('points unauthenticated MCP requests to that metadata', async () => {
      const response = await fetch(`${bed.server.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain(`resource_metadata="${bed.server.url}/.well-known/oauth-protected-resource/mcp"`);
    });
  });
});
