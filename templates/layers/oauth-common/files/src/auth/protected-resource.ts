import type { Express } from 'express';

import { MCP_PATH, PROTECTED_RESOURCE_METADATA_PATH } from './resource.js';

/** OAuth 2.0 Protected Resource Metadata (RFC 9728) of the MCP endpoint. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported: string[];
  bearer_methods_supported: ['header'];
  resource_name: string;
}

/**
 * Serves the metadata at the path-aware location of the MCP endpoint
 * (/.well-known/oauth-protected-resource/mcp, which challenges point to) and at the root location,
 * for clients that look there first. Computed per request: the resource URL is known only once the
 * server listens.
 */
export function installProtectedResourceMetadata(app: Express, metadata: () => ProtectedResourceMetadata): void {
  app.get([`${PROTECTED_RESOURCE_METADATA_PATH}${MCP_PATH}`, PROTECTED_RESOURCE_METADATA_PATH], (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(metadata());
  });
}
