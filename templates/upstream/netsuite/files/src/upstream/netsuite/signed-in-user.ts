import { ToolError } from '../../errors.js';
import { signedInUserTokenSource } from '../http/signed-in-user.js';
import type { TokenSource } from '../http/token-source.js';

/**
 * The NetSuite token of the user who made the call: they signed in at NetSuite through this server,
 * which keeps their tokens. NetSuite sees that user, with the role they chose when signing in, and
 * applies that role's permissions to every call.
 */
export function signedInUserNetSuiteToken(): TokenSource {
  return signedInUserTokenSource({
    notSignedIn: () =>
      new ToolError(
        'sign_in_required',
        'The NetSuite tools act as the signed-in user (NETSUITE_AUTH_FLOW=signed_in_user), and this caller did not sign in through this server. ' +
          "Connect over HTTP with an MCP client that signs in; for stdio, set NETSUITE_AUTH_FLOW=client_credentials with this server's own integration credentials.",
      ),
  });
}
