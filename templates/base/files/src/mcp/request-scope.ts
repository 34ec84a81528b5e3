import type { ProtocolEra } from '@modelcontextprotocol/server';

import type { Identity } from '../auth/types.js';

/** Facts about the one request (HTTP) or connection (stdio) a server instance serves. */
export interface McpRequestScope {
  identity: Identity;
  era: ProtocolEra;
  /** HTTP request id; absent over stdio, where each request gets its own. */
  requestId?: string;
  /**
   * Register only the tools whose `scopes` and `roles` the identity satisfies. Set for HTTP callers of
   * an authenticating strategy; off over stdio, where the caller is the local user who started the
   * process and already holds everything the process can reach.
   */
  enforceToolAccess?: boolean;
}
