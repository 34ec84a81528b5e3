import type { McpHttpHandler } from '@modelcontextprotocol/server';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

import { identityToAuthInfo } from '../auth/auth-info.js';
import { MCP_PATH } from '../auth/resource.js';
import type { Authenticator, Identity } from '../auth/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ToolDefinition } from '../mcp/define-tool.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { errorHandler } from './error-handler.js';
import { hostGuard, originGuard } from './guards.js';
import type { InFlightRequests } from './in-flight.js';
import { jsonBody } from './json-body.js';
import { JsonRpcErrorCode, sendJsonRpcError } from './json-rpc-error.js';
import { createMcpNodeHandler } from './mcp-node-adapter.js';
import { requestRateLimit, toolCallRateLimit } from './rate-limit.js';
import type { Readiness } from './readiness.js';
import { requestContext } from './request-context.js';
import { originFormOnly } from './request-target.js';
import { toolAccessGuard } from './tool-access.js';

export interface HttpAppDeps {
  config: Config;
  logger: Logger;
  authenticator: Authenticator;
  mcpHandler: McpHttpHandler;
  readiness: Readiness;
  inFlight: InFlightRequests;
  /** The tools the MCP handler serves, for the per-tool access check and rate limit. */
  tools: readonly ToolDefinition[];
  /** Counts requests and tool calls per caller in the store. */
  rateLimiter: RateLimiter;
}

export { MCP_PATH };

/** Builds the Express app. Order matters: each layer relies on the ones registered before it. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const { config, authenticator, readiness, inFlight } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Answers are never cacheable by default: MCP results and probes are always live.
  app.set('etag', false);
  // req.ip, which tells anonymous callers apart for rate limits, believes only the proxies named here.
  app.set('trust proxy', config.TRUST_PROXY ?? false);

  app.use(requestContext(deps.logger));
  app.use(originFormOnly);

  // Probes come before the Host check: orchestrators address pods by IP, which no allow-list names.
  // They reveal nothing but up/down.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });

  app.use(hostGuard(config));
  app.use(originGuard(config));

  authenticator.installRoutes?.(app);

  const mcp = createMcpNodeHandler(deps.mcpHandler, {
    onerror: (error) => deps.logger.error({ err: error }, 'MCP transport adapter failed'),
  });
  app.all(
    MCP_PATH,
    refuseWhileDraining(readiness),
    inFlight.middleware,
    // Authenticate from the headers before reading the body: an anonymous caller cannot make the
    // server parse up to MAX_BODY_BYTES of JSON.
    async (req: Request & { identity?: Identity }, _res: Response, next: NextFunction) => {
      req.identity = await authenticator.authenticate(req);
      next();
    },
    // Counted before the body is read: a caller over its limit costs no parsing.
    requestRateLimit(deps.rateLimiter),
    jsonBody({ maxBytes: config.MAX_BODY_BYTES, maxDepth: config.MAX_JSON_DEPTH }),
    // Strategies whose proof covers the exact bytes sent check them here (jsonBody keeps them in req.rawBody).
    async (req: Request & { rawBody?: Buffer }, _res: Response, next: NextFunction) => {
      if (authenticator.verifyBody !== undefined) await authenticator.verifyBody(req, req.rawBody ?? Buffer.alloc(0));
      next();
    },
    toolAccessGuard(authenticator, deps.tools),
    // After the access check: a call refused for access does not use up the caller's allowance.
    toolCallRateLimit(deps.rateLimiter, deps.tools),
    async (req: Request & { identity?: Identity }, res: Response) => {
      if (req.identity === undefined) throw new Error('MCP request reached the handler without an authenticated identity');
      await mcp(req, res, { authInfo: identityToAuthInfo(req.identity), parsedBody: req.body });
    },
  );

  app.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}` });
  });
  app.use(errorHandler(config.MAX_BODY_BYTES));
  return app;
}

/** Once shutdown starts, new MCP work is refused so the load balancer moves it to another instance. */
function refuseWhileDraining(readiness: Readiness) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (!readiness.draining) {
      next();
      return;
    }
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '1');
    sendJsonRpcError(res, 503, JsonRpcErrorCode.ServerError, 'Server is shutting down; retry on another instance');
  };
}
