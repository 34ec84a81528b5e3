import type { Config } from '../config.js';
import { signingKeysConfigProblems } from './authorization-server/signing-keys.js';

/**
 * Rules that span several variables. The upstream sign-in settings are not among them: a server
 * without them starts and says what is missing when someone tries to sign in.
 */
export function authConfigProblems(config: Config): string[] {
  if (config.MCP_TRANSPORT === 'stdio') return [];
  return signingKeysConfigProblems(config);
}
