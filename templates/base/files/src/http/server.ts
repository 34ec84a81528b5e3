import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { declaredScopes } from '../auth/access.js';
import { createAuthenticator } from '../auth/index.js';
import { canonicalResourceUrl } from '../auth/resource.js';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import type { McpCapabilities } from '../mcp/server.js';
import { packageInfo } from '../package-info.js';
import { createRateLimiter } from '../rate-limit/rate-limiter.js';
import { openStorage, storageOn } from '../storage/open-storage.js';
import { namespacedStore, type Store } from '../storage/store.js';
import { tools as registeredTools } from '../tools/index.js';
import { startUpstream } from '../upstream/start.js';
import { createHttpApp } from './app.js';
import { InFlightRequests } from './in-flight.js';
import { createHttpMcpHandler } from './mcp-handler.js';
import { Readiness } from './readiness.js';
import { createLimitedServer } from './server-limits.js';

export interface RunningHttpServer {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000 (the real port when PORT=0). */
  readonly url: string;
  /** Graceful shutdown; safe to call more than once. See `drainAndClose`. */
  close(): Promise<void>;
}

export interface StartHttpServerOptions {
  /** Defaults to JSON logs on stderr at LOG_LEVEL. */
  logger?: Logger;
  /** What to serve instead of the generated registries (tests). */
  capabilities?: McpCapabilities;
  /**
   * An open store to use instead of opening the configured one, left open on close: tests run two
   * servers on one store, as two replicas on one backend.
   */
  store?: Store;
  /**
   * How the auth strategy fetches documents that callers point it at (an OAuth client's metadata
   * document); tests serve them without a network. Default: the global fetch.
   */
  fetch?: typeof fetch;
}

/** Starts the HTTP server on HOST:PORT with every dependency it needs, ready for traffic on return. */
export async function startHttpServer(config: Config, options: StartHttpServerOptions = {}): Promise<RunningHttpServer> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, name: packageInfo.name });
  const storage = options.store === undefined ? await openStorage(config, logger) : storageOn(options.store, config, logger);
  const { store } = storage;
  const upstream = startUpstream(config, logger, storage.sealed);
  const tools = options.capabilities?.tools ?? registeredTools;
  let boundUrl: string | undefined;
  const resourceUrl = () => {
    if (boundUrl === undefined) throw new Error('The resource URL is known only once the server listens');
    return canonicalResourceUrl(config, boundUrl);
  };
  const authenticator = await createAuthenticator(config, {
    logger,
    store,
    sealed: storage.sealed,
    resourceUrl,
    declaredScopes: declaredScopes(tools),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  });
  const mcpHandler = createHttpMcpHandler(
    { config, logger, store, upstream },
    { enforceToolAccess: authenticator.enforcesToolAccess, ...(options.capabilities !== undefined && { capabilities: options.capabilities }) },
  );
  const inFlight = new InFlightRequests();
  const readiness = new Readiness({
    storage: async () => {
      await store.ping();
      return true;
    },
    auth: async () => (await authenticator.isReady?.()) ?? true,
  });
  const rateLimiter = createRateLimiter(namespacedStore(store, 'rate-limit'), config, logger);
  const app = createHttpApp({ config, logger, authenticator, mcpHandler, readiness, inFlight, tools, rateLimiter });

  const server = createLimitedServer(config, logger, app);
  server.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const url = baseUrl(server);
  boundUrl = url;
  logger.info({ url: `${url}/mcp`, resource: resourceUrl() }, 'MCP server listening over HTTP');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await drainAndClose({ server, readiness, inFlight, timeoutMs: config.SHUTDOWN_TIMEOUT_MS, logger });
      await mcpHandler.close();
      await authenticator.close?.();
      if (options.store === undefined) await store.close();
      logger.info('HTTP server stopped');
    })());
  return { url, close };
}

interface DrainOptions {
  server: Server;
  readiness: Readiness;
  inFlight: InFlightRequests;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Shutdown in order: report not-ready and refuse new MCP work; let in-flight requests finish for up to
 * `timeoutMs`; then stop listening and cut whatever connections remain.
 */
async function drainAndClose({ server, readiness, inFlight, timeoutMs, logger }: DrainOptions): Promise<void> {
  readiness.beginDrain();
  logger.info({ inFlight: inFlight.count, timeoutMs }, 'draining HTTP server');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([inFlight.idle().then(() => 'idle' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') logger.warn({ inFlight: inFlight.count }, 'shutdown timeout reached; closing remaining connections');

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (outcome === 'timeout') server.closeAllConnections();
  await closed;
}

function baseUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
}
