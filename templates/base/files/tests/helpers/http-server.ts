import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import { startHttpServer, type RunningHttpServer, type StartHttpServerOptions } from '../../src/http/server.js';
import { testAuth } from './auth-client.js';
import { testConfig } from './config.js';

/** Starts the real HTTP server on 127.0.0.1 with a free port, configured for the project's auth strategy. */
export async function startTestServer(overrides: Record<string, string> = {}, options: StartHttpServerOptions = {}): Promise<RunningHttpServer> {
  const auth = await testAuth();
  return startHttpServer(testConfig({ HOST: '127.0.0.1', ...auth.env, ...overrides }), options);
}

/** Headers of a caller allowed to use every registered tool on `server` (empty without authentication). */
export async function authHeaders(server: RunningHttpServer): Promise<Record<string, string>> {
  return (await testAuth()).headers(`${server.url}/mcp`);
}

/** Connects a real SDK client over Streamable HTTP; `modern` negotiates 2026-07-28, `legacy` uses initialize. */
export async function connectHttpClient(
  server: RunningHttpServer,
  era: 'modern' | 'legacy',
  fetchImpl: typeof fetch = fetch,
): Promise<Client> {
  const client = new Client({ name: 'http-test-client', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  const headers = await authHeaders(server);
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { fetch: fetchImpl, requestInit: { headers } }));
  return client;
}
