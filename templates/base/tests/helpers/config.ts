import { parseConfig, type Config } from '../../src/config.js';

/** A valid configuration for tests: quiet logs, a free port, overridable per test. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...overrides });
}
