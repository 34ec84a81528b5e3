import { ToolError } from '../../errors.js';
import { UpstreamUnknownError } from '../http/errors.js';
import { signedInUserTokenSource } from '../http/signed-in-user.js';
import type { TokenSource } from '../http/token-source.js';
import { SALESFORCE } from './errors.js';
import { isAcceptableInstanceUrl } from './login-url.js';
import { restApiBaseOf, type SessionOptions } from './session.js';

/**
 * The Salesforce session of the user who made the call: they signed in at Salesforce through this
 * server, which keeps their tokens. Salesforce answered that sign-in with the user's instance
 * (`instance_url`, kept with their tokens and updated on refresh); their calls go there, so each user
 * works in their own org with their own profile and sharing rules.
 */
export function signedInUserSession(options: Pick<SessionOptions, 'loginUrl' | 'apiVersion'>): TokenSource {
  return signedInUserTokenSource({
    notSignedIn: () =>
      new ToolError(
        'sign_in_required',
        'The Salesforce tools act as the signed-in user (SALESFORCE_AUTH_FLOW=signed_in_user), and this caller did not sign in through this server. ' +
          'Connect over HTTP with an MCP client that signs in; for stdio, set SALESFORCE_AUTH_FLOW to client_credentials or jwt_bearer.',
      ),
    apiBaseUrlOf(token) {
      const instanceUrl = token.extras?.instance_url;
      if (typeof instanceUrl !== 'string' || !isAcceptableInstanceUrl(instanceUrl, options.loginUrl)) {
        throw new UpstreamUnknownError(`The ${SALESFORCE} sign-in did not name a usable https instance_url`, { upstream: SALESFORCE });
      }
      return restApiBaseOf(instanceUrl, options.apiVersion);
    },
  });
}
