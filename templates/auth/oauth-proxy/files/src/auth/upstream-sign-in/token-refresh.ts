import * as oauth from 'oauth4webapi';

import { UpstreamAuthError, UpstreamUnavailableError } from '../../upstream/http/errors.js';
import { safeCause, UnacceptableAnswerError } from './errors.js';
import { refreshedTokenSet, type UpstreamTokenSet } from './token-set.js';
import type { UpstreamServer } from './upstream-server.js';

/** The upstream will not refresh these tokens again (invalid_grant): the user's sign-in is over. */
export class SignInEnded extends Error {
  constructor(readonly reason: string) {
    super(`the upstream sign-in ended: ${reason}`);
  }
}

/**
 * Redeems the refresh token (RFC 6749 section 6). invalid_grant (revoked, expired, already used)
 * rejects with SignInEnded; a refusal of this server's own credentials with UpstreamAuthError; an
 * upstream that cannot answer (or is not configured) with UpstreamUnavailableError. Never with a token in the message.
 * `obtainedAt` is taken before the request, so the new token is never believed valid for longer than it is.
 */
export async function refreshTokens(upstream: UpstreamServer | undefined, tokens: UpstreamTokenSet & { refreshToken: string }, name: string, obtainedAt: number): Promise<UpstreamTokenSet> {
  const details = { upstream: name };
  // Settings removed after users signed in: their tokens wait for the settings to come back.
  if (upstream === undefined) throw new UpstreamUnavailableError(`The ${name} sign-in is not configured, so its tokens cannot be refreshed`, details);
  let as: oauth.AuthorizationServer;
  try {
    as = await upstream.metadata();
  } catch (error) {
    throw new UpstreamUnavailableError(`The ${name} sign-in service cannot be reached`, { ...details, reason: 'network' }, { cause: safeCause(error) });
  }
  try {
    const answer = await oauth.refreshTokenGrantRequest(as, upstream.client, upstream.clientAuth, tokens.refreshToken, upstream.requestOptions());
    return refreshedTokenSet(tokens, await oauth.processRefreshTokenResponse(await upstream.metadataFor(answer), upstream.client, answer), obtainedAt);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError) {
      const status = error.status;
      const code = error instanceof oauth.ResponseBodyError ? error.error : error.cause[0]?.parameters.error;
      if (code === 'invalid_grant') throw new SignInEnded(code);
      const answered = { ...details, status, ...(code !== undefined && { upstreamCode: code }) };
      if (status >= 500 || status === 429) throw new UpstreamUnavailableError(`The ${name} token endpoint is unavailable (HTTP ${status})`, { ...answered, reason: 'status' }, { cause: safeCause(error) });
      throw new UpstreamAuthError(`The ${name} token endpoint refused to refresh the sign-in (HTTP ${status}${code === undefined ? '' : `: ${code}`})`, answered, { cause: safeCause(error) });
    }
    if (error instanceof UnacceptableAnswerError || error instanceof oauth.OperationProcessingError) {
      throw new UpstreamUnavailableError(`The ${name} token endpoint answered in a way this server cannot accept`, { ...details, reason: 'status' }, { cause: safeCause(error) });
    }
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new UpstreamUnavailableError(`The ${name} token endpoint ${timedOut ? 'did not answer in time' : 'cannot be reached'}`, { ...details, reason: timedOut ? 'timeout' : 'network' }, { cause: safeCause(error) });
  }
}
