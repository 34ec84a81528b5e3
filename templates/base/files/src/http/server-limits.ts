import { createServer, type RequestListener, type Server } from 'node:http';

import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** How often Node checks the header and request timeouts at the latest (its own default is every 30 s). */
const LONGEST_TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * Creates the HTTP server with the connection limits from the configuration, so a slow or idle client
 * cannot hold a connection for long:
 * - HTTP_HEADERS_TIMEOUT_MS and HTTP_REQUEST_TIMEOUT_MS bound the time a client takes to *send* its
 *   request (also a connection that sends nothing at all); a client too slow gets 408. The answer is not
 *   bounded: a tool call may work and stream progress for as long as it needs.
 * - HTTP_KEEP_ALIVE_TIMEOUT_MS closes idle keep-alive connections. It should exceed the idle timeout of
 *   the load balancer in front, so the balancer closes first and never sends a request on a connection
 *   the server is closing at that moment (which it reports as a 502).
 * - HTTP_MAX_CONNECTIONS, when set, closes connections beyond that number as soon as they open.
 */
export function createLimitedServer(config: Config, logger: Logger, listener: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      // Node enforces both timeouts only when it checks, so check often enough for them to be accurate.
      connectionsCheckingInterval: Math.min(LONGEST_TIMEOUT_CHECK_INTERVAL_MS, config.HTTP_HEADERS_TIMEOUT_MS),
    },
    listener,
  );
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;

  const maxConnections = config.HTTP_MAX_CONNECTIONS;
  if (maxConnections !== undefined) {
    server.maxConnections = maxConnections;
    server.on('drop', (connection?: { remoteAddress?: string }) => {
      logger.warn({ remoteAddress: connection?.remoteAddress, maxConnections }, 'refused a connection: HTTP_MAX_CONNECTIONS reached');
    });
  }
  return server;
}
