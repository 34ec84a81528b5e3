import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';

import { identityToAuthInfo } from '../../src/auth/auth-info.js';
import { anonymousIdentity } from '../../src/auth/types.js';
import { createHttpMcpHandler } from '../../src/http/mcp-handler.js';
import type { ToolDefinition } from '../../src/mcp/define-tool.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { createStore } from '../../src/storage/index.js';
import type { Logger } from '../../src/logger.js';
import { testConfig } from './config.js';
import { captureLogs } from './logs.js';

export type Era = 'modern' | 'legacy';
export const ERAS: readonly Era[] = ['modern', 'legacy'];

export interface InProcessConnection {
  client: Client;
  close(): Promise<void>;
}

/**
 * A real SDK client talking to the real MCP handler through `handler.fetch`: the full HTTP protocol
 * path without a socket. `modern` negotiates 2026-07-28; `legacy` uses the 2025 initialize handshake.
 * Pass `tools` to serve a custom tool list instead of the registry.
 */
export async function connectInProcess(
  era: Era,
  options: { logger?: Logger; tools?: readonly ToolDefinition[] } = {},
): Promise<InProcessConnection> {
  const config = testConfig();
  const logger = options.logger ?? captureLogs().logger;
  const store = await createStore(config);
  const deps = { config, logger, store };
  const handler =
    options.tools === undefined
      ? createHttpMcpHandler(deps)
      : createMcpHandler(({ era: requestEra }) => createMcpServer(deps, { era: requestEra, identity: anonymousIdentity }, options.tools));
  const authInfo = identityToAuthInfo(anonymousIdentity);
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
