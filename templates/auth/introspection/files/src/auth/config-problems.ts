import type { Config } from '../config.js';
import { identityProviderProblems } from '../upstream/index.js';

/**
 * Rules that span several variables. Over stdio nothing is authenticated (the caller is the local
 * process), so the identity provider and client settings are needed only for HTTP.
 */
export function authConfigProblems(config: Config): string[] {
  if (config.MCP_TRANSPORT === 'stdio') return [];
  const problems = identityProviderProblems(config, { allowedTenants: config.AUTH_ALLOWED_TENANTS });
  if (config.AUTH_CLIENT_ID === undefined) problems.push("AUTH_CLIENT_ID: required to introspect access tokens; this server's client id at the identity provider");
  if (config.AUTH_CLIENT_SECRET === undefined) problems.push('AUTH_CLIENT_SECRET: required to introspect access tokens; the secret of AUTH_CLIENT_ID');
  return problems;
}
