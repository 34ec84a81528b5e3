import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../../src/errors.js';
import { upstreamHttpPolicy } from '../../../src/upstream/http/settings.js';
import { testConfig } from '../../helpers/config.js';

describe('upstream HTTP settings', () => {
  it('default to patient but bounded calls', () => {
    expect(upstreamHttpPolicy(testConfig())).toEqual({
      timeoutMs: 10_000,
      retry: { maxRetries: 3, baseDelayMs: 200, maxDelayMs: 5_000, totalTimeoutMs: 30_000 },
      breaker: { failureThreshold: 5, openMs: 30_000 },
      refreshBeforeMs: 60_000,
    });
  });

  it('are read from the environment', () => {
    const policy = upstreamHttpPolicy(
      testConfig({
        UPSTREAM_TIMEOUT_MS: '2500',
        UPSTREAM_MAX_RETRIES: '0',
        UPSTREAM_RETRY_BASE_MS: '50',
        UPSTREAM_RETRY_MAX_MS: '800',
        UPSTREAM_TOTAL_TIMEOUT_MS: '9000',
        UPSTREAM_BREAKER_FAILURES: '2',
        UPSTREAM_BREAKER_OPEN_MS: '1000',
        UPSTREAM_TOKEN_REFRESH_BEFORE_SECONDS: '120',
      }),
    );
    expect(policy).toEqual({
      timeoutMs: 2_500,
      retry: { maxRetries: 0, baseDelayMs: 50, maxDelayMs: 800, totalTimeoutMs: 9_000 },
      breaker: { failureThreshold: 2, openMs: 1_000 },
      refreshBeforeMs: 120_000,
    });
  });

  it('refuse values that would disable the protection they configure', () => {
    const problems = (() => {
      try {
        testConfig({ UPSTREAM_TIMEOUT_MS: '0', UPSTREAM_BREAKER_FAILURES: '0', UPSTREAM_MAX_RETRIES: 'many' });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.map((problem) => problem.split(':')[0]);
      }
      return [];
    })();
    expect(problems).toEqual(expect.arrayContaining(['UPSTREAM_TIMEOUT_MS', 'UPSTREAM_BREAKER_FAILURES', 'UPSTREAM_MAX_RETRIES']));
  });
});
