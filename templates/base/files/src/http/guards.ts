import { validateHostHeader } from '@modelcontextprotocol/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { LOOPBACK_HOSTNAMES, type Config } from '../config.js';
import { JsonRpcErrorCode, sendJsonRpcError } from './json-rpc-error.js';

/**
 * Host names accepted in the Host header: loopback names (local clients and container health checks),
 * the host of PUBLIC_URL, and ALLOWED_HOSTS. Checked on every bind address, not just loopback: it is
 * what defeats DNS rebinding, where a hostile web page points its own domain at this server.
 */
export function allowedHostnames(config: Config): string[] {
  const names = new Set<string>([...LOOPBACK_HOSTNAMES, ...config.ALLOWED_HOSTS]);
  if (config.PUBLIC_URL) names.add(config.PUBLIC_URL.hostname.toLowerCase());
  return [...names];
}

export function hostGuard(config: Config): RequestHandler {
  const allowed = allowedHostnames(config);
  return (req: Request, res: Response, next: NextFunction): void => {
    const result = validateHostHeader(req.headers.host, allowed);
    if (result.ok) {
      next();
      return;
    }
    sendJsonRpcError(res, 403, JsonRpcErrorCode.ServerError, result.message);
  };
}

/**
 * Browsers send `Origin` on cross-site requests; a page on another site must not drive this server with
 * the user's network position or cookies. Allowed: no Origin at all (non-browser MCP clients), the
 * server's own origin (same host as the Host header, or PUBLIC_URL), and ALLOWED_ORIGINS exactly.
 */
export function originGuard(config: Config): RequestHandler {
  const allowed = new Set<string>(config.ALLOWED_ORIGINS);
  if (config.PUBLIC_URL) allowed.add(config.PUBLIC_URL.origin);

  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.has(origin.toLowerCase()) || isSameOrigin(origin, req.headers.host)) {
      next();
      return;
    }
    req.log.warn({ origin }, 'refused request from a foreign origin');
    sendJsonRpcError(res, 403, JsonRpcErrorCode.ServerError, `Forbidden: origin ${JSON.stringify(origin)} is not allowed`);
  };
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined || !URL.canParse(origin)) return false;
  return new URL(origin).host === host.toLowerCase();
}
