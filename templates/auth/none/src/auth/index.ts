import type { Logger } from 'pino';

import type { Config } from '../config.js';
import type { OptionDescriptor } from '../descriptor.js';
import type { Store } from '../storage/store.js';
import { anonymousIdentity, type Authenticator } from './types.js';

export const authDescriptor: OptionDescriptor = { id: 'none', displayName: 'No authentication (local development)' };

export interface AuthenticatorDeps {
  logger: Logger;
  store: Store;
}

/**
 * Accepts every request as the anonymous identity. Safe on loopback binds only; config validation
 * refuses anything else unless ALLOW_UNAUTHENTICATED_REMOTE is set.
 */
export async function createAuthenticator(config: Config, deps: AuthenticatorDeps): Promise<Authenticator> {
  if (config.ALLOW_UNAUTHENTICATED_REMOTE && config.MCP_TRANSPORT === 'http') {
    deps.logger.warn({ host: config.HOST }, 'authentication is disabled and remote access is allowed: every caller can use every tool');
  }
  return {
    authenticate: async () => anonymousIdentity,
  };
}
