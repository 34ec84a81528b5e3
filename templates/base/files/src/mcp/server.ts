import { McpServer } from '@modelcontextprotocol/server';

import { missingAccess } from '../auth/access.js';
import { packageInfo } from '../package-info.js';
import { prompts as registeredPrompts } from '../prompts/index.js';
import { resources as registeredResources } from '../resources/index.js';
import { tools as registeredTools } from '../tools/index.js';
import type { PromptDefinition } from './define-prompt.js';
import type { ResourceDefinition } from './define-resource.js';
import type { ToolDefinition } from './define-tool.js';
import { registerPrompt } from './register-prompt.js';
import { registerResource } from './register-resource.js';
import { registerTool } from './register-tool.js';
import type { McpRequestScope } from './request-scope.js';
import type { McpServerDeps } from './server-deps.js';

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
