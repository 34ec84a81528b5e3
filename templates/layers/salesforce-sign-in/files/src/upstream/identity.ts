import type { Config } from '../config.js';
import { stringClaim, type IdentityProvider, type TokenAuthSettings } from './types.js';

/** Salesforce names a user by an identity URL: https://<login host>/id/<org ID>/<user ID>. */
const IDENTITY_URL_PATH = /^\/id\/(00D[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?)\/005[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;

/**
 * Salesforce as the identity provider users sign in at: the org's login host (SALESFORCE_LOGIN_URL,
 * its My Domain), whose discovery document is <login URL>/.well-known/openid-configuration. The
 * user's subject is their identity URL, and the org in it is their tenant. Salesforce tokens carry no
 * roles: the user's profile and permission sets decide, at Salesforce, what each call may do.
 */
export function identityProvider(config: Config): IdentityProvider {
  const issuer = config.SALESFORCE_LOGIN_URL;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    // The REST API accepts only tokens granted the api scope.
    signInScopes: ['api'],
    mapClaims(claims) {
      const subject = stringClaim(claims.sub) ?? '';
      const tenant = salesforceOrgOf(subject);
      return { subject, ...(tenant !== undefined && { tenant }), scopes: [], roles: [] };
    },
  };
}

/** The org ID in a Salesforce identity URL; undefined for any other subject. */
export function salesforceOrgOf(subject: string): string | undefined {
  if (!URL.canParse(subject)) return undefined;
  return IDENTITY_URL_PATH.exec(new URL(subject).pathname)?.[1];
}

/**
 * Nothing is missing: SALESFORCE_LOGIN_URL always has a value, and login.salesforce.com (or
 * test.salesforce.com for sandboxes) signs in users of every org.
 */
export function identityProviderProblems(_config: Config, _settings: TokenAuthSettings): string[] {
  return [];
}
