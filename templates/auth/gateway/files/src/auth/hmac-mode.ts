import type { Request } from 'express';

import type { Config } from '../config.js';
import { namespacedStore } from '../storage/store.js';
import type { IdentityProvider } from '../upstream/types.js';
import { refuseTokenInQuery } from './bearer.js';
import { bodyMatchesDigest } from './content-digest.js';
import { createNonceRegistry } from './nonce-registry.js';
import { createResourceServer } from './resource-server.js';
import { gatewayHeaders, hasGatewayHeaders, verifySignedRequest, type SignedRequest } from './signed-request.js';
import { InvalidToken } from './token-errors.js';
import type { Authenticator, AuthenticatorDeps } from './types.js';

/**
 * GATEWAY_MODE=hmac: the gateway signs each request it forwards (method, target, identity headers,
 * timestamp, nonce and a digest of the body) with GATEWAY_HMAC_SECRET. Checked in two steps, as the
 * HTTP layer allows: the signature from the headers before the body is read, so unsigned requests
 * cost nothing; then the body against the signed digest, and only then the nonce is spent, so a
 * request refused for its body cannot burn the nonce of the genuine one.
 */
export function createHmacAuthenticator(config: Config, deps: AuthenticatorDeps, idp: IdentityProvider): Authenticator {
  const secret = config.GATEWAY_HMAC_SECRET;
  if (secret === undefined) throw new Error('GATEWAY_HMAC_SECRET is not set');
  const nonces = createNonceRegistry(namespacedStore(deps.store, 'gateway-nonce'), config.GATEWAY_MAX_SKEW_SECONDS);
  /** Requests whose headers verified, until their body is checked. */
  const awaitingBody = new WeakMap<Request, SignedRequest>();

  return createResourceServer(config, deps, {
    idp,
    credentials(req) {
      refuseTokenInQuery(req);
      const headers = gatewayHeaders(req);
      // Gateway headers without a signature are answered as invalid, not as missing credentials.
      return hasGatewayHeaders(headers) ? (headers.signature ?? '') : undefined;
    },
    missingCredentials: 'This server accepts only requests whose identity its gateway forwards and signs',
    credentialsAreAccessToken: false,
    async identify(_signature, req) {
      const signed = verifySignedRequest(req, secret, config.GATEWAY_MAX_SKEW_SECONDS);
      awaitingBody.set(req, signed);
      return signed.identity;
    },
    async verifyBody(req, rawBody) {
      const signed = awaitingBody.get(req);
      awaitingBody.delete(req);
      if (signed === undefined) throw new InvalidToken('The request body was not covered by a verified gateway signature');
      if (!bodyMatchesDigest(rawBody, signed.bodySha256)) throw new InvalidToken('The request body does not match the Content-Digest the gateway signed');
      await nonces.claim(signed.nonce, signed.timestamp);
    },
  });
}
