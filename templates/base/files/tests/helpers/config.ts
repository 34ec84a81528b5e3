import type { Config } from '../../src/config.js';
import { parseConfig } from '../../src/load-config.js';
import { placeholderAuthEnv } from './auth-settings.js';
import { presetTestIdp } from './preset-claims.js';
import { freshStorageEnv } from './storage-settings.js';

/**
 * Rate limits count in the store, which on a durable or shared backend outlives one test and is
 * shared by all: tests about them switch them on, with a store of their own.
 */
const NO_RATE_LIMITS = { RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_TOOL_CALLS: '0' };

/**
 * A valid configuration for tests: quiet logs, a free port, no rate limits, an identity provider that
 * is never contacted, the auth strategy's own placeholders (so token-verifying strategies have
 * complete settings) and storage data of its own, overridable per test.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...NO_RATE_LIMITS, ...presetTestIdp.placeholderEnv, ...placeholderAuthEnv, ...freshStorageEnv(), ...overrides });
}
