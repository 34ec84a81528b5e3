import type { Config } from '../../src/config.js';
import { parseConfig } from '../../src/load-config.js';
import { placeholderAuthEnv } from './auth-settings.js';
import { presetTestIdp } from './preset-claims.js';
import { freshStorageEnv } from './storage-settings.js';

/**
 * A valid configuration for tests: quiet logs, a free port, an identity provider that is never
 * contacted, the auth strategy's own placeholders (so token-verifying strategies have complete
 * settings) and storage data of its own, overridable per test.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...presetTestIdp.placeholderEnv, ...placeholderAuthEnv, ...freshStorageEnv(), ...overrides });
}
