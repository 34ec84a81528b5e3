import { SignJWT } from 'jose/jwt/sign';

import type { NetSuiteClientCredentials } from './settings.js';

/**
 * How long a client assertion is valid. NetSuite accepts up to an hour; a token request follows the
 * signature at once, so a few minutes cover any clock skew while keeping a leaked assertion short-lived.
 */
export const ASSERTION_LIFETIME_SECONDS = 300;

/**
 * The JWT this server authenticates to NetSuite's token endpoint with (OAuth 2.0 client credentials,
 * M2M): signed with the private key of the certificate mapped to the integration, which NetSuite finds
 * by the certificate ID in `kid`. A fresh one per token request.
 */
export function signClientAssertion(settings: NetSuiteClientCredentials, now: number): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ scope: [...settings.scopes] })
    .setProtectedHeader({ alg: settings.algorithm, typ: 'JWT', kid: settings.certificateId })
    .setIssuer(settings.clientId)
    .setAudience(settings.tokenUrl)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .sign(settings.privateKey);
}
