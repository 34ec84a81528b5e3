import * as oauth from 'oauth4webapi';

import type { JsonValue } from '../../storage/store.js';
import { UnacceptableAnswerError } from './errors.js';
import type { UpstreamSignInSettings } from './settings.js';
import { shownClaims } from './token-set.js';
import type { UpstreamServer } from './upstream-server.js';

/** Who signed in at the upstream. */
export interface UpstreamUser {
  subject: string;
  /** The claims kept to say who they are (name, email...). */
  claims: Record<string, JsonValue>;
  /**
   * Every claim the upstream gave about them (ID token over userinfo), for the preset to read roles and
   * tenant from once, at sign-in; never stored.
   */
  identityClaims: Readonly<Record<string, unknown>>;
}

/**
 * Who signed in: the ID token's subject and claims. Many providers put only `sub` in the ID token
 * when an access token for userinfo is issued alongside, so userinfo is asked too when the ID token
 * names nobody recognisable, or when there is no ID token at all (then its `sub` is the subject).
 * A userinfo endpoint that fails costs the display claims only, when the ID token already says who it is.
 * An upstream without OpenID Connect names the user in its token response instead (`userClaims`).
 */
export async function userOf(
  as: oauth.AuthorizationServer,
  upstream: UpstreamServer,
  response: oauth.TokenEndpointResponse,
  userClaims?: UpstreamSignInSettings['userClaims'],
): Promise<UpstreamUser> {
  if (userClaims !== undefined) return userOfTokenResponse(userClaims(response));
  const idToken = oauth.getValidatedIdTokenClaims(response);
  const fromIdToken = idToken === undefined ? {} : shownClaims(idToken);
  const idTokenUser: UpstreamUser | undefined = idToken === undefined ? undefined : { subject: idToken.sub, claims: fromIdToken, identityClaims: { ...idToken } };
  if (idTokenUser !== undefined && Object.keys(fromIdToken).length > 0) return idTokenUser;
  if (as.userinfo_endpoint === undefined) {
    if (idTokenUser !== undefined) return idTokenUser;
    throw new UnacceptableAnswerError('the upstream issued no ID token and has no userinfo endpoint: the user cannot be identified');
  }
  try {
    const answer = await oauth.userInfoRequest(as, upstream.client, response.access_token, upstream.requestOptions());
    const userInfo = await oauth.processUserInfoResponse(as, upstream.client, idToken?.sub ?? oauth.skipSubjectCheck, answer);
    return {
      subject: userInfo.sub,
      claims: { ...shownClaims(userInfo as Record<string, unknown>), ...fromIdToken },
      identityClaims: { ...userInfo, ...idToken },
    };
  } catch (error) {
    if (idTokenUser !== undefined) return idTokenUser;
    throw error;
  }
}

function userOfTokenResponse(claims: Readonly<Record<string, unknown>> | undefined): UpstreamUser {
  const subject = claims?.sub;
  if (claims === undefined || typeof subject !== 'string' || subject === '') {
    throw new UnacceptableAnswerError('the token response names no user: the user cannot be identified');
  }
  return { subject, claims: shownClaims(claims), identityClaims: { ...claims } };
}
