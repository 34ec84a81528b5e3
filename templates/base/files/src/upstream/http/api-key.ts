import type { AccessToken, TokenSource } from './token-source.js';

/**
 * A static API key, handed to the client as a token. Pair it with the client's `authorization` option
 * when the upstream expects the key in its own header (`{ 'x-api-key': token.value }`) rather than
 * `Authorization: Bearer`. Invalidating it changes nothing: there is no other key to fetch, so the
 * client reports the refusal instead of retrying with the same key.
 */
export function staticTokenSource(value: string): TokenSource {
  const token: AccessToken = Object.freeze({ value });
  return {
    getAccessToken: async () => token,
    invalidate: () => undefined,
  };
}
