import type { Store } from '../storage/store.js';
import { InvalidToken, VerifierUnavailable } from './token-errors.js';

export interface NonceRegistry {
  /**
   * Accepts `nonce` of a request the gateway signed at `timestamp` (Unix seconds) once: throws
   * InvalidToken when it was already used, VerifierUnavailable when the store cannot be reached.
   */
  claim(nonce: string, timestamp: number): Promise<void>;
}

/**
 * Nonces of signed requests, remembered for as long as their timestamp is accepted (up to
 * `maxSkewSeconds` after it): a request is refused once its timestamp is stale, so remembering
 * longer would protect nothing. They are kept in the Store, so a shared store refuses a request
 * replayed to another replica too.
 */
export function createNonceRegistry(store: Store, maxSkewSeconds: number, now: () => number = Date.now): NonceRegistry {
  return {
    async claim(nonce, timestamp) {
      // The floor of the current second is used when checking the timestamp: one more second covers the rest of it.
      const ttlSeconds = Math.max(1, timestamp + maxSkewSeconds - Math.floor(now() / 1000) + 1);
      let first: boolean;
      try {
        first = await store.setIfAbsent(nonce, timestamp, { ttlSeconds });
      } catch (error) {
        throw new VerifierUnavailable('Cannot record the gateway nonce: the store is unavailable', { cause: error });
      }
      if (!first) throw new InvalidToken('The gateway nonce was already used: the request is a replay');
    },
  };
}
