import type { NextFunction, Request, Response } from 'express';

import { JsonRpcErrorCode, sendJsonRpcError } from './json-rpc-error.js';

/**
 * Accepts only origin-form request targets (`POST /mcp`), the form clients and load balancers send to
 * an origin server. The absolute form (`POST http://other.example/mcp`) is meant for proxies: it names
 * a host besides the Host header the allow-list checks, and code that rebuilds the URL from the Host
 * header and the target (the MCP transport adapter does) gets an invalid URL. HTTP/1.1 asks origin
 * servers to accept it anyway; this one refuses it on purpose, with 400, on every route and before any
 * other handler looks at the URL. The asterisk form (`OPTIONS *`) is refused the same way.
 */
export function originFormOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.url.startsWith('/')) {
    next();
    return;
  }
  sendJsonRpcError(res, 400, JsonRpcErrorCode.InvalidRequest, 'Bad request: the request target must be a path such as /mcp, not an absolute URL');
}
