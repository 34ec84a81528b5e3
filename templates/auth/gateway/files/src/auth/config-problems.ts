import type { Config } from '../config.js';
import { identityProviderProblems } from '../upstream/index.js';

/**
 * Rules that span several variables. Over stdio nothing is authenticated (the caller is the local
 * process), so the identity provider and gateway settings are needed only for HTTP.
 */
export function authConfigProblems(config: Config): string[] {
  if (config.MCP_TRANSPORT === 'stdio') return [];
  const problems = identityProviderProblems(config, { allowedTenants: config.AUTH_ALLOWED_TENANTS });
  if (config.GATEWAY_MODE === 'hmac' && config.GATEWAY_HMAC_SECRET === undefined) {
    problems.push('GATEWAY_HMAC_SECRET: required with GATEWAY_MODE=hmac; the secret the gateway signs requests with (at least 32 characters)');
  }
  if (config.GATEWAY_JWKS_URI !== undefined && config.GATEWAY_JWT_ISSUER === undefined) {
    problems.push('GATEWAY_JWKS_URI: set only together with GATEWAY_JWT_ISSUER, the issuer whose keys it holds');
  }
  return problems;
}
