import { isLoopbackHost, type Config } from '../config.js';

/** Rules that span several variables; each returned string is one human-readable problem. */
export function authConfigProblems(config: Config): string[] {
  if (config.MCP_TRANSPORT === 'http' && !isLoopbackHost(config.HOST) && !config.ALLOW_UNAUTHENTICATED_REMOTE) {
    return [
      `HOST: refusing to serve HTTP on non-loopback address "${config.HOST}" without authentication. ` +
        'Bind to 127.0.0.1, choose an authentication strategy, or set ALLOW_UNAUTHENTICATED_REMOTE=true to accept the risk.',
    ];
  }
  return [];
}
