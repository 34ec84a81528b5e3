import type { Config } from '../config.js';
import { anonymousIdentity, type Authenticator, type AuthenticatorDeps } from './types.js';

export type { AuthenticatorDeps };

/**
 * Accepts every request as the anonymous identity. Safe on loopback binds only; config validation
 * refuses anything else unless ALLOW_UNAUTHENTICATED_REMOTE is set.
 */
export async function createAuthenticator(config: Config, deps: AuthenticatorDeps): Promise<Authenticator> {
  if (config.ALLOW_UNAUTHENTICATED_REMOTE && config.MCP_TRANSPORT === 'http') {
    deps.logger.warn({ host: config.HOST }, 'authentication is disabled and remote access is allowed: every caller can use every tool');
  }
  return {
    // Nobody is authenticated, so nobody's scopes or roles can be trusted: tools declare them for the
    // day a real strategy is chosen, and everyone may call everything meanwhile.
    enforcesToolAccess: false,
    authenticate: async () => anonymousIdentity,
  };
}
