import type { Config } from '../config.js';

/** Path of the MCP endpoint on this server. */
export const MCP_PATH = '/mcp';

/** Well-known prefix of OAuth 2.0 Protected Resource Metadata (RFC 9728). */
export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

/**
 * The canonical URI of the MCP endpoint, which access tokens must name as their audience (RFC 8707):
 * PUBLIC_URL plus /mcp when set (the address clients use behind a proxy), otherwise the address the
 * server is bound to. Without a trailing slash, fragment or query, as the MCP authorization spec asks.
 */
export function canonicalResourceUrl(config: Config, boundBaseUrl: string): string {
  const base = config.PUBLIC_URL ? `${config.PUBLIC_URL.origin}${config.PUBLIC_URL.pathname}` : boundBaseUrl;
  return `${base.replace(/\/+$/, '')}${MCP_PATH}`;
}

/**
 * Where the metadata of `resourceUrl` lives (RFC 9728 section 3.1): the well-known prefix inserted
 * between the origin and the path, e.g. https://mcp.example.com/.well-known/oauth-protected-resource/mcp.
 */
export function protectedResourceMetadataUrl(resourceUrl: string): string {
  const url = new URL(resourceUrl);
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.origin}${PROTECTED_RESOURCE_METADATA_PATH}${path}`;
}
