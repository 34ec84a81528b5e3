import type { McpHttpHandler, McpServerFactory } from '@modelcontextprotocol/server';

import { identityFromAuthInfo } from '../auth/auth-info.js';
import { createMcpServer, type McpCapabilities } from '../mcp/server.js';
import type { McpServerDeps } from '../mcp/server-deps.js';
import { createMcpHandlerWithLegacyJsonAnswers } from './legacy-json-answers.js';
import { REQUEST_ID_HEADER } from './request-context.js';

export interface HttpMcpHandlerOptions {
  /** Leave tools the caller may not use off its server (see Authenticator.enforcesToolAccess). */
  enforceToolAccess?: boolean;
  /** What to serve instead of the generated registries (tests). */
  capabilities?: McpCapabilities;
}

/**
 * The Streamable HTTP endpoint: a fresh MCP server per request, serving the current protocol and,
 * statelessly, 2025-era clients. The caller's identity arrives as AuthInfo, set by the auth middleware.
 */
export function createHttpMcpHandler(deps: McpServerDeps, options: HttpMcpHandlerOptions = {}): McpHttpHandler {
  const { enforceToolAccess = false, capabilities } = options;
  const factory: McpServerFactory = ({ era, authInfo, requestInfo }) => {
    const identity = identityFromAuthInfo(authInfo);
    // Reaching here without an identity means the route skipped authentication: fail closed.
    if (identity === undefined) throw new Error('MCP request reached the server factory without an authenticated identity');
    const requestId = requestInfo?.headers.get(REQUEST_ID_HEADER) ?? undefined;
    return createMcpServer(deps, { era, identity, enforceToolAccess, ...(requestId !== undefined && { requestId }) }, capabilities);
  };
  return createMcpHandlerWithLegacyJsonAnswers(factory, {
    maxRequestBodySize: deps.config.MAX_BODY_BYTES,
    onerror: (error) => deps.logger.warn({ err: error }, 'MCP request failed'),
  });
}
