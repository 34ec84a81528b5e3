import { ProtocolError, ProtocolErrorCode, ResourceTemplate } from '@modelcontextprotocol/server';
import type { McpServer, ReadResourceResult, ServerContext, Variables } from '@modelcontextprotocol/server';

import { createRequestContext } from './context.js';
import type { ResourceContents, ResourceDefinition } from './define-resource.js';
import { toProtocolError } from './protocol-error.js';
import type { McpRequestScope } from './request-scope.js';
import type { McpServerDeps } from './server-deps.js';

/**
 * Registers one resource definition on an SDK server: a fixed URI as a resource, a URI template as a
 * resource template. Wraps `read` with our context and error policy (see protocol-error.ts).
 */
export function registerResource(server: McpServer, resource: ResourceDefinition, deps: McpServerDeps, scope: McpRequestScope): void {
  const metadata = {
    ...(resource.title !== undefined && { title: resource.title }),
    description: resource.description,
    mimeType: resource.mimeType,
  };
  const read = async (uri: URL, variables: Readonly<Record<string, string>>, sdkCtx: ServerContext): Promise<ReadResourceResult> => {
    const ctx = createRequestContext(deps, scope, sdkCtx, { resource: resource.name });
    try {
      return toReadResourceResult(resource, uri, await resource.read(uri, variables, ctx));
    } catch (error) {
      throw toProtocolError(error, ctx, 'resource read');
    }
  };

  if (resource.variables.length === 0) {
    server.registerResource(resource.name, resource.uri, metadata, (uri, sdkCtx) => read(uri, {}, sdkCtx));
  } else {
    // `list: undefined`: template instances are not enumerated in resources/list; clients that know
    // an id build the concrete URI from resources/templates/list.
    server.registerResource(resource.name, new ResourceTemplate(resource.uri, { list: undefined }), metadata, (uri, variables, sdkCtx) =>
      read(uri, templateValues(resource, uri, variables), sdkCtx),
    );
  }
}

/** One string per declared variable; a level-1 template never yields lists, but the SDK type allows them. */
function templateValues(resource: ResourceDefinition, uri: URL, variables: Variables): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of resource.variables) {
    const value = variables[name];
    if (value === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${uri.href} has no value for {${name}}`);
    values[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return values;
}

function toReadResourceResult(resource: ResourceDefinition, uri: URL, output: ResourceContents): ReadResourceResult {
  const items = typeof output === 'string' || !Array.isArray(output) ? [output as Exclude<ResourceContents, readonly unknown[]>] : output;
  return {
    contents: items.map((item) => {
      if (typeof item === 'string') return { uri: uri.href, mimeType: resource.mimeType, text: item };
      const mimeType = item.mimeType ?? resource.mimeType;
      return 'blob' in item ? { uri: uri.href, mimeType, blob: item.blob } : { uri: uri.href, mimeType, text: item.text };
    }),
  };
}
