import { createRemoteJWKSet } from 'jose/jwks/remote';
import type { JWTVerifyGetKey } from 'jose/jwt/verify';

import type { Logger } from '../logger.js';
import type { IdentityProvider } from '../upstream/types.js';
import { fetchProviderMetadata, metadataUrl } from './discovery.js';
import { VerifierUnavailable } from './token-errors.js';

/** The identity provider's signing keys could not be obtained: tokens cannot be checked right now. */
export class SigningKeysUnavailable extends VerifierUnavailable {}

export interface SigningKeysOptions {
  cooldownSeconds: number;
  cacheMaxAgeSeconds: number;
  logger: Logger;
  /** Per-request timeout for discovery and key downloads. */
  timeoutMs?: number;
}

export interface SigningKeys {
  /** Key lookup for `jwtVerify`: cached, refetched once on an unknown key id, at most once per cooldown. */
  readonly getKey: JWTVerifyGetKey;
  /** True once the keys have been fetched; each call while not ready retries discovery and download. */
  ready(): Promise<boolean>;
}

/**
 * Finds the key set (from the provider's discovery document unless the preset names it) and keeps
 * it cached. Nothing is fetched at import time; the first fetch starts at creation, in the background,
 * so a slow identity provider delays readiness instead of start-up.
 */
export function createSigningKeys(idp: IdentityProvider, options: SigningKeysOptions): SigningKeys {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let loading: Promise<JWTVerifyGetKey> | undefined;

  const load = (): Promise<JWTVerifyGetKey> =>
    (loading ??= (async () => {
      const jwksUri = idp.jwksUri ?? metadataUrl(await fetchProviderMetadata(idp, timeoutMs), 'jwks_uri');
      const keySet = createRemoteJWKSet(new URL(jwksUri), {
        cooldownDuration: options.cooldownSeconds * 1000,
        cacheMaxAge: options.cacheMaxAgeSeconds * 1000,
        timeoutDuration: timeoutMs,
      });
      await keySet.reload();
      options.logger.info({ issuer: idp.issuer, jwksUri }, 'identity provider signing keys loaded');
      return keySet;
    })().catch((error: unknown) => {
      // Forget the failure so the next readiness probe or request tries again.
      loading = undefined;
      options.logger.warn({ err: error, issuer: idp.issuer }, 'cannot load the identity provider signing keys');
      throw new SigningKeysUnavailable('The identity provider signing keys are unavailable', { cause: error });
    }));

  load().catch(() => undefined);

  return {
    getKey: async (header, token) => (await load())(header, token),
    ready: () => load().then(
      () => true,
      () => false,
    ),
  };
}
