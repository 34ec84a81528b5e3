import type { KeyObject } from 'node:crypto';

import { requestToken } from '../http/token-endpoint.js';
import type { TokenSource } from '../http/token-source.js';
import { SALESFORCE } from './errors.js';
import { signJwtBearerAssertion } from './jwt-assertion.js';
import { jwtBearerAudience } from './login-url.js';
import { salesforceSession, tokenEndpointOf, type SessionOptions } from './session.js';

export interface JwtBearerCredentials {
  readonly clientId: string;
  readonly username: string;
  readonly privateKey: KeyObject;
}

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Sessions from the OAuth 2.0 JWT bearer flow (RFC 7523): an assertion signed with the key whose
 * certificate is uploaded to the external client app, naming the user to act as. The user must be
 * pre-authorized for the app. Each token request gets a fresh, short-lived assertion.
 */
export function jwtBearerSession(credentials: JwtBearerCredentials, options: SessionOptions): TokenSource {
  const now = options.now ?? Date.now;
  const claims = { iss: credentials.clientId, sub: credentials.username, aud: jwtBearerAudience(options.loginUrl) };
  return salesforceSession(
    () =>
      requestToken({
        upstream: SALESFORCE,
        tokenUrl: tokenEndpointOf(options.loginUrl),
        params: { grant_type: JWT_BEARER_GRANT, assertion: signJwtBearerAssertion(claims, credentials.privateKey, now()) },
        // The signed assertion is the credential: no client authentication on top.
        client: { method: 'none' },
        timeoutMs: options.timeoutMs,
        now,
      }),
    options,
    ['jwt_bearer', credentials.clientId, credentials.username],
  );
}
