import { randomUUID } from 'node:crypto';

import type { ProtocolEra, ServerContext } from '@modelcontextprotocol/server';

import type { Identity } from '../auth/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { UpstreamApi } from '../upstream/index.js';
import type { McpRequestScope } from './request-scope.js';
import type { McpServerDeps } from './server-deps.js';

/**
 * What a tool handler, resource reader or prompt renderer may use besides its own arguments.
 * Everything request-specific lives here.
 */
export interface RequestContext {
  /** Logger already tagged with the request id and the tool, resource or prompt name. */
  readonly logger: Logger;
  readonly config: Config;
  /** The caller, as established by the auth strategy (anonymous or local process without auth). */
  readonly identity: Identity;
  /** Aborted when the client cancels the request, disconnects, or the server shuts down. Pass it to your I/O. */
  readonly signal: AbortSignal;
  /** Correlation id: the HTTP `x-request-id`, or a generated id per request over stdio. */
  readonly requestId: string;
  /** Protocol era of this request: "modern" (2026-07-28+) or "legacy" (2025 revisions). */
  readonly era: ProtocolEra;
  /**
   * The upstream system's API. Pass this context to its calls (`ctx.upstream.records.get(..., ctx)`):
   * they act for `identity` and stop when `signal` aborts.
   */
  readonly upstream: UpstreamApi;
}

/** Which capability a request is for, as tagged on its log lines: `{ tool: 'echo' }`, `{ prompt: 'summarize' }`. */
export type CapabilityTag = { tool: string } | { resource: string } | { prompt: string };

export function createRequestContext(deps: McpServerDeps, scope: McpRequestScope, sdkCtx: ServerContext, tag: CapabilityTag): RequestContext {
  const requestId = scope.requestId ?? randomUUID();
  // Made on first use: most calls succeed without logging anything.
  let logger: Logger | undefined;
  return {
    get logger() {
      return (logger ??= deps.logger.child({ requestId, ...tag }));
    },
    config: deps.config,
    identity: scope.identity,
    signal: sdkCtx.mcpReq.signal,
    requestId,
    era: scope.era,
    upstream: deps.upstream,
  };
}
