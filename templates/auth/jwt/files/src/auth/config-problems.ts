import type { Config } from '../config.js';
import { identityProviderProblems } from '../upstream/index.js';

/**
 * Rules that span several variables. Over stdio nothing is authenticated (the caller is the local
 * process), so the identity provider settings are needed only for HTTP.
 */
export function authConfigProblems(config: Config): string[] {
  if (config.MCP_TRANSPORT === 'stdio') return [];
  return identityProviderProblems(config, { allowedTenants: config.AUTH_ALLOWED_TENANTS });
}
