import { serveStdio } from '@modelcontextprotocol/server/stdio';

import { localProcessIdentity } from './auth/types.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createMcpServer } from './mcp/server.js';
import { createRateLimiter } from './rate-limit/rate-limiter.js';
import { openStorage } from './storage/open-storage.js';
import { namespacedStore } from './storage/store.js';
import { startUpstream } from './upstream/start.js';

/**
 * Serves the MCP server over stdin/stdout for hosts that launch it as a child process.
 * stdout carries protocol messages only: all logging goes to stderr (see logger.ts).
 * Resolves with a function that shuts the connection and storage down.
 */
export async function startStdioServer(config: Config, logger: Logger): Promise<() => Promise<void>> {
  const { store, sealed } = await openStorage(config, logger);
  const upstream = startUpstream(config, logger, sealed);
  // No HTTP layer counts tool calls here: the MCP server does, answering a tool error over the limit.
  const toolCallLimiter = createRateLimiter(namespacedStore(store, 'rate-limit'), config, logger);
  const deps = { config, logger, store, upstream, toolCallLimiter };
  const handle = serveStdio(({ era }) => createMcpServer(deps, { era, identity: localProcessIdentity }), {
    onerror: (error) => logger.warn({ err: error }, 'stdio transport error'),
  });
  logger.info('MCP server listening on stdio');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await handle.close();
      await store.close();
    })());
  // When the host closes our stdin the session is over; exit instead of lingering as an orphan.
  process.stdin.once('end', () => {
    void close().then(() => process.exit(0));
  });
  return close;
}
