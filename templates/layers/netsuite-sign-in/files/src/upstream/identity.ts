import { decodeJwt } from 'jose';

import type { Config } from '../config.js';
import { accountAppUrl } from './netsuite/account.js';
import { netSuiteRestUrl, netSuiteTokenUrl } from './netsuite/settings.js';
import { stringClaim, type IdentityProvider, type TokenAuthSettings } from './types.js';

/** The issuer NetSuite names in the tokens it issues, whichever account issued them. */
const NETSUITE_ISSUER = 'https://system.netsuite.com';

/**
 * NetSuite as the authorization server users sign in at: OAuth 2.0 without OpenID Connect (that
 * needs the separate "NetSuite as OIDC Provider" feature), so its endpoints are the account's own
 * and fixed, and the user is read from the access token NetSuite issues, a JWT whose `sub` is the
 * role and entity they signed in with. Their tenant is the account. NetSuite tokens carry no roles
 * this server could check: the role chosen at sign-in decides, at NetSuite, what each call may do.
 */
export function identityProvider(config: Config): IdentityProvider {
  const restUrl = netSuiteRestUrl(config);
  const appUrl = config.NETSUITE_APP_URL ?? (config.NETSUITE_ACCOUNT_ID === undefined ? undefined : accountAppUrl(config.NETSUITE_ACCOUNT_ID));
  if (restUrl === undefined || appUrl === undefined) throw new Error('NETSUITE_ACCOUNT_ID is not set');
  const tenant = config.NETSUITE_ACCOUNT_ID;
  return {
    issuer: NETSUITE_ISSUER,
    // Published only where NetSuite as OIDC Provider is enabled; signing in does not read it.
    discoveryUrl: `${restUrl}/.well-known/openid-configuration`,
    // The tools' scopes: rest_webservices at least (the record and SuiteQL APIs).
    signInScopes: config.NETSUITE_SCOPES,
    signInEndpoints: { authorizationEndpoint: `${appUrl}/app/login/oauth2/authorize.nl`, tokenEndpoint: netSuiteTokenUrl(restUrl) },
    signedInUserClaims: (response) => payloadOf(response.access_token),
    mapClaims(claims) {
      return { subject: stringClaim(claims.sub) ?? '', ...(tenant !== undefined && { tenant }), scopes: [], roles: [] };
    },
  };
}

/** The claims of a JWT, read without checking its signature (see IdentityProvider.signedInUserClaims); undefined for anything else. */
function payloadOf(token: string): Record<string, unknown> | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

/** Where the account's users sign in, as the configuration gives it (any of it may be missing). */
interface SignInLocation {
  readonly NETSUITE_ACCOUNT_ID?: string | undefined;
  readonly NETSUITE_APP_URL?: string | undefined;
  readonly NETSUITE_REST_URL?: string | undefined;
}

/** Users sign in at the account: it must be known (or both of its URLs given). */
export function identityProviderProblems(config: SignInLocation, _settings: TokenAuthSettings): string[] {
  const located = config.NETSUITE_ACCOUNT_ID !== undefined || (config.NETSUITE_REST_URL !== undefined && config.NETSUITE_APP_URL !== undefined);
  return located ? [] : ['NETSUITE_ACCOUNT_ID: required to sign users in at NetSuite; set it to the account ID from Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1'];
}
