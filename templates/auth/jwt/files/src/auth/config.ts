import type { Config } from '../config.js';
import { identityProviderProblems } from '../upstream/index.js';
import { jwtVerificationEnv, resourceServerEnv } from './shared-config.js';

export { ASYMMETRIC_ALGORITHMS } from './shared-config.js';

/** Environment variables of the `jwt` auth strategy, merged into the server's config schema. */
export const authEnv = {
  ...resourceServerEnv,
  ...jwtVerificationEnv,
};

/**
 * Rules that span several variables. Over stdio nothing is authenticated (the caller is the local
 * process), so the identity provider settings are needed only for HTTP.
 */
export function authConfigProblems(config: Config): string[] {
  if (config.MCP_TRANSPORT === 'stdio') return [];
  return identityProviderProblems(config, { allowedTenants: config.AUTH_ALLOWED_TENANTS });
}
