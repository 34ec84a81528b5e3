import { upstreamSessionOf, type UpstreamSession, type UpstreamSessionToken } from '../../auth/upstream-session.js';
import type { ToolError } from '../../errors.js';
import type { AccessToken, TokenSource } from './token-source.js';

export interface SignedInUserTokenOptions {
  /**
   * The error for a caller who did not sign in through this server (a stdio client, say), naming the
   * setting that makes the tools use credentials of their own instead.
   */
  notSignedIn(): ToolError;
  /** Where the API of this user's token lives, when the upstream names it with the token (Salesforce's `instance_url`). */
  apiBaseUrlOf?(token: UpstreamSessionToken): string;
}

/**
 * The caller's own upstream access token: the user signed in at the upstream through this server,
 * which keeps their tokens and refreshes them (src/auth/upstream-session.ts). The upstream sees and
 * authorizes that user; no credential of this server's own is involved.
 */
export function signedInUserTokenSource(options: SignedInUserTokenOptions): TokenSource {
  // Each token handed out, with the session it came from: the upstream client hands the same object
  // back when the upstream refuses it, so the refusal reaches the right user and nothing outlives the call.
  const sessions = new WeakMap<AccessToken, UpstreamSession>();
  return {
    async getAccessToken({ identity, signal }) {
      const session = upstreamSessionOf(identity);
      if (session === undefined) throw options.notSignedIn();
      const token = await session.accessToken(signal);
      const accessToken: AccessToken = {
        value: token.value,
        ...(token.expiresAt !== undefined && { expiresAt: token.expiresAt }),
        ...(options.apiBaseUrlOf !== undefined && { apiBaseUrl: options.apiBaseUrlOf(token) }),
      };
      sessions.set(accessToken, session);
      return accessToken;
    },
    invalidate(token) {
      // The user's next call refreshes; a failure here only means one more 401.
      sessions.get(token)?.invalidate(token).catch(() => undefined);
    },
  };
}
