import { upstreamSessionOf, type UpstreamSession } from '../../auth/upstream-session.js';
import { ToolError } from '../../errors.js';
import type { TokenSource } from '../http/token-source.js';
import { LruMap } from './lru-map.js';

/** Tokens recently handed out, by value, with the session they belong to: a refusal reaches the right user. */
const RECENT_TOKENS = 1000;

/**
 * The caller's own upstream access token: the user signed in at the identity provider through this
 * server, which keeps their tokens and refreshes them (src/auth/upstream-session.ts). The API sees
 * and authorizes that user; no token of this server's own is involved.
 */
export function signedInUserTokenSource(): TokenSource {
  const sessions = new LruMap<string, UpstreamSession>(RECENT_TOKENS);
  return {
    async getAccessToken({ identity, signal }) {
      const session = upstreamSessionOf(identity);
      if (session === undefined) {
        throw new ToolError(
          'sign_in_required',
          'The REST API is called as the signed-in user (UPSTREAM_API_AUTH=signed_in_user), and this caller did not sign in through this server. ' +
            'Connect over HTTP with an MCP client that signs in; for stdio, set UPSTREAM_API_AUTH to another mode.',
        );
      }
      const token = await session.accessToken(signal);
      sessions.set(token.value, session);
      return token;
    },
    invalidate(token) {
      const session = sessions.get(token.value);
      // The next getAccessToken of that user refreshes; a failure here only means one more 401.
      session?.invalidate(token).catch(() => undefined);
    },
  };
}
