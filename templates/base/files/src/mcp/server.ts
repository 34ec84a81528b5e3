import { McpServer, type ProtocolEra } from '@modelcontextprotocol/server';

import { missingAccess } from '../auth/access.js';
import type { Identity } from '../auth/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { packageInfo } from '../package-info.js';
import { prompts as registeredPrompts } from '../prompts/index.js';
import { resources as registeredResources } from '../resources/index.js';
import type { Store } from '../storage/store.js';
import { tools as registeredTools } from '../tools/index.js';
import type { UpstreamApi } from '../upstream/index.js';
import type { PromptDefinition } from './define-prompt.js';
import type { ResourceDefinition } from './define-resource.js';
import type { ToolDefinition } from './define-tool.js';
import { registerPrompt } from './register-prompt.js';
import { registerResource } from './register-resource.js';
import { registerTool } from './register-tool.js';

/** Long-lived dependencies, created once at start-up and shared by every request. */
export interface McpServerDeps {
  config: Config;
  logger: Logger;
  store: Store;
  /** The upstream's API clients; their token caches and circuit breakers are shared by every request. */
  upstream: UpstreamApi;
}

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

/** What a server instance offers. Each list defaults to its generated registry (src/<kind>/index.ts). */
export interface McpCapabilities {
  tools?: readonly ToolDefinition[];
  resources?: readonly ResourceDefinition[];
  prompts?: readonly PromptDefinition[];
}

/**
 * Builds a fresh MCP server with every registered tool, resource and prompt. The SDK calls this per
 * HTTP request (and once per stdio connection), so it must stay cheap: anything expensive belongs in
 * `deps`. A kind with no entries is not advertised at all.
 */
export function createMcpServer(deps: McpServerDeps, scope: McpRequestScope, capabilities: McpCapabilities = {}): McpServer {
  const { tools = registeredTools, resources = registeredResources, prompts = registeredPrompts } = capabilities;
  const server = new McpServer({ name: packageInfo.name, version: packageInfo.version });
  for (const tool of tools) {
    if (scope.enforceToolAccess === true && missingAccess(scope.identity, tool) !== undefined) continue;
    registerTool(server, tool, deps, scope);
  }
  for (const resource of resources) registerResource(server, resource, deps, scope);
  for (const prompt of prompts) registerPrompt(server, prompt, deps, scope);
  return server;
}
