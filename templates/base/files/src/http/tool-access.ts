import type { NextFunction, Request, Response } from 'express';

import { missingAccess } from '../auth/access.js';
import type { Authenticator, Identity } from '../auth/types.js';
import type { ToolDefinition } from '../mcp/define-tool.js';
import { JsonRpcErrorCode } from './json-rpc-error.js';
import { toolCallsIn } from './tool-calls.js';

/**
 * Refuses, before the MCP handler runs, a `tools/call` for a tool the caller may not use, so the
 * client gets an HTTP answer it can act on: 403 with an RFC 6750 `insufficient_scope` challenge naming
 * the tool's scopes (the client can obtain a token with them), or 403 with a JSON-RPC error when a
 * role is missing (no new token will fix that). The per-request MCP server does not register such
 * tools either, so this is the first of two locks, not the only one.
 */
export function toolAccessGuard(authenticator: Authenticator, tools: readonly ToolDefinition[]) {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return (req: Request & { identity?: Identity }, res: Response, next: NextFunction): void => {
    const identity = req.identity;
    if (!authenticator.enforcesToolAccess || identity === undefined) {
      next();
      return;
    }
    for (const call of toolCallsIn(req.body)) {
      const tool = byName.get(call.tool);
      if (tool === undefined) continue;
      const missing = missingAccess(identity, tool);
      if (missing === undefined) continue;
      const { id } = call;
      req.log.info({ tool: tool.name, missingScopes: missing.scopes, missingRoles: missing.roles }, 'refused a tool call: access denied');
      if (missing.scopes.length > 0) {
        const challenge = authenticator.insufficientScopeChallenge?.(tool.scopes ?? []);
        if (challenge !== undefined) res.setHeader('WWW-Authenticate', challenge);
        res.status(403).json({
          jsonrpc: '2.0',
          error: { code: JsonRpcErrorCode.ServerError, message: `Forbidden: tool "${tool.name}" needs the scopes ${missing.scopes.join(', ')}` },
          id,
        });
        return;
      }
      res.status(403).json({
        jsonrpc: '2.0',
        error: { code: JsonRpcErrorCode.ServerError, message: `Forbidden: tool "${tool.name}" needs one of the roles ${missing.roles.join(', ')}` },
        id,
      });
      return;
    }
    next();
  };
}
