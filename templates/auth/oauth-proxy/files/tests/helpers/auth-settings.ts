import { generateKeyPairSync } from 'node:crypto';

/**
 * Settings of the auth strategy that tests never exercise but a complete configuration needs. In
 * production the server refuses to start without its signing keys (AUTH_SIGNING_KEYS): a key made
 * up here, once per test file, completes a production configuration.
 */
export const placeholderAuthEnv: Record<string, string> = {
  AUTH_SIGNING_KEYS: JSON.stringify({
    keys: [{ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'placeholder', alg: 'ES256', use: 'sig' }],
  }),
};
