import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';

import { identityToAuthInfo } from '../../src/auth/auth-info.js';
import { anonymousIdentity, type Identity } from '../../src/auth/types.js';
import { createHttpMcpHandler } from '../../src/http/mcp-handler.js';
import { createMcpServer, type McpCapabilities } from '../../src/mcp/server.js';
import type { Logger } from '../../src/logger.js';
import type { RateLimiter } from '../../src/rate-limit/rate-limiter.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { namespacedStore } from '../../src/storage/store.js';
import { createUpstreamApi } from '../../src/upstream/index.js';
import { testConfig } from './config.js';
import { captureLogs } from './logs.js';

export type Era = 'modern' | 'legacy';
export const ERAS: readonly Era[] = ['modern', 'legacy'];

export interface InProcessConnection {
  client: Client;
  close(): Promise<void>;
}

export interface InProcessOptions extends McpCapabilities {
  logger?: Logger;
  /** Settings on top of the test defaults, e.g. the URL and credentials of a fake upstream. */
  env?: Record<string, string>;
  /**
   * The caller of every request, as the auth middleware would have established it (anonymous unless
   * given). Tools receive this very object, not a copy, so a caller token remembered for it
   * (`rememberCallerToken`) reaches the upstream as it does behind a token-verifying strategy.
   */
  identity?: Identity;
  /** Counts tool calls against the per-tool limit in the MCP server itself, as the stdio server does. */
  toolCallLimiter?: RateLimiter;
}

/**
 * A real SDK client talking to the real MCP handler through `handler.fetch`: the full HTTP protocol
 * path without a socket. `modern` negotiates 2026-07-28; `legacy` uses the 2025 initialize handshake.
 * Pass `tools`, `resources` or `prompts` to serve custom lists instead of the generated registries,
 * and `identity` to call as someone other than the anonymous caller.
 */
export async function connectInProcess(era: Era, options: InProcessOptions = {}): Promise<InProcessConnection> {
  const { logger = captureLogs().logger, env = {}, identity = anonymousIdentity, toolCallLimiter, ...capabilities } = options;
  const config = testConfig(env);
  const { store, sealed } = await openStorage(config, logger);
  const upstream = createUpstreamApi(config, { logger, store: namespacedStore(sealed, 'upstream') });
  const deps = { config, logger, store, upstream, ...(toolCallLimiter !== undefined && { toolCallLimiter }) };
  const handler =
    Object.keys(capabilities).length === 0
      ? createHttpMcpHandler(deps)
      : createMcpHandler(({ era: requestEra }) => createMcpServer(deps, { era: requestEra, identity }, capabilities));
  const authInfo = identityToAuthInfo(identity);
  const transport = new StreamableHTTPClientTransport(new URL('http://localhost/mcp'), {
    fetch: (url, init) => handler.fetch(new Request(url, init), { authInfo }),
  });
  const client = new Client({ name: 'test-client', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(transport);
  return {
    client,
    close: async () => {
      await client.close();
      await handler.close();
      await store.close();
    },
  };
}
