import { parseConfig, type Config } from '../../src/config.js';
import { presetTestIdp } from './preset-claims.js';

/**
 * A valid configuration for tests: quiet logs, a free port, an identity provider that is never
 * contacted (so token-verifying strategies have complete settings), overridable per test.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...presetTestIdp.placeholderEnv, ...overrides });
}
