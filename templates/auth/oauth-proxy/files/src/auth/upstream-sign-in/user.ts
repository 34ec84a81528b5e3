import * as oauth from 'oauth4webapi';

import type { JsonValue } from '../../storage/store.js';
import { shownClaims } from './token-set.js';
import type { UpstreamServer } from './upstream-server.js';

/**
 * Who signed in: the ID token's subject and claims. Many providers put only `sub` in the ID token
 * when an access token for userinfo is issued alongside, so userinfo is asked too when the ID token
 * names nobody recognisable, or when there is no ID token at all (then its `sub` is the subject).
 * A userinfo endpoint that fails costs the display claims only, when the ID token already says who it is.
 */
export async function userOf(
  as: oauth.AuthorizationServer,
  upstream: UpstreamServer,
  response: oauth.TokenEndpointResponse,
): Promise<{ subject: string; claims: Record<string, JsonValue> }> {
  const idToken = oauth.getValidatedIdTokenClaims(response);
  const fromIdToken = idToken === undefined ? {} : shownClaims(idToken);
  if (idToken !== undefined && Object.keys(fromIdToken).length > 0) return { subject: idToken.sub, claims: fromIdToken };
  if (as.userinfo_endpoint === undefined) {
    if (idToken !== undefined) return { subject: idToken.sub, claims: fromIdToken };
    throw new Error('the upstream issued no ID token and has no userinfo endpoint: the user cannot be identified');
  }
  try {
    const answer = await oauth.userInfoRequest(as, upstream.client, response.access_token, upstream.requestOptions());
    const userInfo = await oauth.processUserInfoResponse(as, upstream.client, idToken?.sub ?? oauth.skipSubjectCheck, answer);
    return { subject: userInfo.sub, claims: { ...shownClaims(userInfo as Record<string, unknown>), ...fromIdToken } };
  } catch (error) {
    if (idToken !== undefined) return { subject: idToken.sub, claims: fromIdToken };
    throw error;
  }
}
