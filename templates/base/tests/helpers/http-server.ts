import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import { startHttpServer, type RunningHttpServer } from '../../src/http/server.js';
import { testConfig } from './config.js';

/** Starts the real HTTP server on 127.0.0.1 with a free port. */
export function startTestServer(overrides: Record<string, string> = {}): Promise<RunningHttpServer> {
  return startHttpServer(testConfig({ HOST: '127.0.0.1', ...overrides }));
}

/** Connects a real SDK client over Streamable HTTP; `modern` negotiates 2026-07-28, `legacy` uses initialize. */
export async function connectHttpClient(
  server: RunningHttpServer,
  era: 'modern' | 'legacy',
  fetchImpl: typeof fetch = fetch,
): Promise<Client> {
  const client = new Client({ name: 'http-test-client', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { fetch: fetchImpl }));
  return client;
}
