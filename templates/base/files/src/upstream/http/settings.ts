import { z } from 'zod';

import type { BreakerPolicy } from './circuit-breaker.js';
import type { RetryPolicy } from './retry.js';

const milliseconds = z.coerce.number().int().min(1);

/**
 * How every upstream API client behaves under failure, merged into the server's config schema. One set
 * for all upstream calls: they share the same network and the same patience of the MCP client waiting.
 */
export const upstreamHttpEnv = {
  /** Longest wait for one attempt (connect, answer and body). */
  UPSTREAM_TIMEOUT_MS: milliseconds.default(10_000),
  UPSTREAM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  UPSTREAM_RETRY_BASE_MS: milliseconds.default(200),
  UPSTREAM_RETRY_MAX_MS: milliseconds.default(5_000),
  /** Longest time one upstream request may take, retries and waits included. */
  UPSTREAM_TOTAL_TIMEOUT_MS: milliseconds.default(30_000),
  UPSTREAM_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  UPSTREAM_BREAKER_OPEN_MS: milliseconds.default(30_000),
  UPSTREAM_TOKEN_REFRESH_BEFORE_SECONDS: z.coerce.number().int().min(0).default(60),
};

// Read from the variables above rather than from Config: src/config.ts builds its schema from them.
type UpstreamHttpConfig = { [K in keyof typeof upstreamHttpEnv]: z.output<(typeof upstreamHttpEnv)[K]> };

export interface UpstreamHttpPolicy {
  timeoutMs: number;
  retry: RetryPolicy;
  breaker: BreakerPolicy;
  /** How long before expiry a cached upstream token is replaced. */
  refreshBeforeMs: number;
}

/** The settings in the shape createUpstreamClient and the token sources take them. */
export function upstreamHttpPolicy(config: UpstreamHttpConfig): UpstreamHttpPolicy {
  return {
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    retry: {
      maxRetries: config.UPSTREAM_MAX_RETRIES,
      baseDelayMs: config.UPSTREAM_RETRY_BASE_MS,
      maxDelayMs: config.UPSTREAM_RETRY_MAX_MS,
      totalTimeoutMs: config.UPSTREAM_TOTAL_TIMEOUT_MS,
    },
    breaker: { failureThreshold: config.UPSTREAM_BREAKER_FAILURES, openMs: config.UPSTREAM_BREAKER_OPEN_MS },
    refreshBeforeMs: config.UPSTREAM_TOKEN_REFRESH_BEFORE_SECONDS * 1000,
  };
}
