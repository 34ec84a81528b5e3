import { McpServer, type ProtocolEra } from '@modelcontextprotocol/server';

import type { Identity } from '../auth/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { packageInfo } from '../package-info.js';
import type { Store } from '../storage/store.js';
import { tools as registeredTools } from '../tools/index.js';
import type { ToolDefinition } from './define-tool.js';
import { registerTool } from './register-tool.js';

/** Long-lived dependencies, created once at start-up and shared by every request. */
export interface McpServerDeps {
  config: Config;
  logger: Logger;
  store: Store;
}

/** Facts about the one request (HTTP) or connection (stdio) a server instance serves. */
export interface McpRequestScope {
  identity: Identity;
  era: ProtocolEra;
  /** HTTP request id; absent over stdio, where each tool call gets its own. */
  requestId?: string;
}

/**
 * Builds a fresh MCP server with every registered tool. The SDK calls this per HTTP request (and once
 * per stdio connection), so it must stay cheap: anything expensive belongs in `deps`.
 */
export function createMcpServer(
  deps: McpServerDeps,
  scope: McpRequestScope,
  tools: readonly ToolDefinition[] = registeredTools,
): McpServer {
  const server = new McpServer({ name: packageInfo.name, version: packageInfo.version });
  for (const tool of tools) registerTool(server, tool, deps, scope);
  return server;
}
