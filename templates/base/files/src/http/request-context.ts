import { randomUUID } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';

import type { Logger } from '../logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Incoming ids are reused only when they look like ids, so log lines cannot be forged through them. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

declare global {
  // Express's documented extension point for properties that middleware adds to every request.
  namespace Express {
    interface Request {
      /** Correlation id of this request, echoed in the `x-request-id` response header. */
      requestId: string;
      /** Logger tagged with the request id. */
      log: Logger;
    }
  }
}

/**
 * Gives every request an id (the caller's `x-request-id` when acceptable, else a new UUID), a logger
 * tagged with it, and one access-log line when the response finishes. The id is written back into the
 * request headers so the MCP handler downstream sees the same value.
 */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    req.requestId = requestId;
    // Made on first use: most requests log nothing but their access line, which needs no child logger.
    let requestLogger: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (requestLogger ??= logger.child({ requestId })), configurable: true, enumerable: true });
    res.setHeader(REQUEST_ID_HEADER, requestId);

    const startedAt = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      // Probes hit every few seconds; keep them out of the info stream.
      const level = req.path === '/healthz' || req.path === '/readyz' ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      (requestLogger ?? logger)[level](
        { ...(requestLogger === undefined && { requestId }), method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(durationMs) },
        'request completed',
      );
    });
    next();
  };
}
