import { request } from 'node:http';

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { z } from 'zod';

import { declaredScopes } from '../../src/auth/access.js';
import { defineTool } from '../../src/mcp/define-tool.js';
import { tools as registeredTools } from '../../src/tools/index.js';
import { MCP_POST_HEADERS, type RawResponse } from './http.js';

/**
 * What every token-verifying strategy's tests share: two guarded tools (the access rules under
 * test), the identity-provider clients that do or do not satisfy them, and the raw requests and
 * clients the tests send.
 */
export const reportTool = defineTool({
  name: 'read_report',
  description: 'Reads a report (test tool guarded by a scope).',
  input: z.object({}),
  scopes: ['reports:read'],
  async handler() {
    return 'the report';
  },
});

export const auditTool = defineTool({
  name: 'audit_log',
  description: 'Reads the audit log (test tool guarded by a role).',
  input: z.object({}),
  roles: ['auditor'],
  async handler() {
    return 'the audit log';
  },
});

/** The registry plus the guarded tools, for `startTestServer(env, { capabilities })`. */
export const capabilities = { tools: [...registeredTools, reportTool, auditTool] };

/**
 * The scopes the server advertises (401 challenges, protected-resource metadata): every scope a
 * served tool declares, as clients must request it from the identity provider. Derived from the
 * registry so tools added later (`add tool --scopes`) keep these tests true.
 */
export function advertisedScopes(requestable: (scope: string) => string): string[] {
  return declaredScopes(capabilities.tools).map(requestable);
}

/** Clients of the test identity provider: one with every scope and role, one with none, one from another tenant. */
export const ACCESS_TEST_PROVIDER = {
  scopes: ['reports:read'],
  clients: [
    { clientId: 'reader', scopes: ['reports:read'], roles: ['auditor'], tenant: 'acme' },
    { clientId: 'no-access', scopes: [], tenant: 'acme' },
    { clientId: 'foreign', scopes: ['reports:read'], tenant: 'globex' },
  ],
};

export const PRM_PATH = '/.well-known/oauth-protected-resource';
export const listTools = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
export const callTool = (name: string) => JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: {} } });
export const challengeOf = (response: RawResponse) => String(response.headers['www-authenticate'] ?? '');

/** A real SDK client on `resourceUrl` sending `headers` with every request. */
export async function connectWithHeaders(resourceUrl: string, headers: Record<string, string>, era: 'modern' | 'legacy' = 'modern'): Promise<Client> {
  const client = new Client({ name: 'auth-test-client', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(resourceUrl), { requestInit: { headers } }));
  return client;
}

/** A real SDK client on `resourceUrl` whose every request goes through `fetchImpl` (e.g. one that signs it). */
export async function connectWithFetch(resourceUrl: string, fetchImpl: typeof fetch, era: 'modern' | 'legacy' = 'modern'): Promise<Client> {
  const client = new Client({ name: 'auth-test-client', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(resourceUrl), { fetch: fetchImpl }));
  return client;
}

/**
 * POSTs an MCP request to `url` with `headerLines` sent exactly as listed, one line each, so a
 * header can appear twice (fetch and header objects merge repeated names).
 */
export function postWithHeaderLines(url: string, headerLines: ReadonlyArray<readonly [string, string]>, body: string): Promise<RawResponse> {
  const target = new URL(url);
  const lines = [['host', target.host], ...Object.entries(MCP_POST_HEADERS), ...headerLines].flat();
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'POST', headers: lines }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
