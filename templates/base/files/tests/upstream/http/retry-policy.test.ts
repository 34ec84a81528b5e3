import { describe, expect, it } from 'vitest';

import { backoffDelayMs, isIdempotent, isRetryableStatus, retryAfterMs } from '../../../src/upstream/http/retry.js';

const now = Date.UTC(2030, 0, 1, 12, 0, 0);

describe('retry policy', () => {
  it('doubles the backoff cap with each retry, up to maxDelayMs', () => {
    const policy = { baseDelayMs: 200, maxDelayMs: 1_000 };
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelayMs(retry, policy, () => 1))).toEqual([200, 400, 800, 1_000, 1_000]);
  });

  it('picks a random point between 0 and the cap (full jitter)', () => {
    const policy = { baseDelayMs: 200, maxDelayMs: 1_000 };
    expect(backoffDelayMs(2, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(2, policy, () => 0.25)).toBe(200);
  });

  it('reads Retry-After as seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(retryAfterMs('Tue, 01 Jan 2030 12:00:30 GMT', now)).toBe(30_000);
  });

  it('reads a Retry-After date in the past as no wait', () => {
    expect(retryAfterMs('Tue, 01 Jan 2030 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable Retry-After', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });

  it('retries 429, 502, 503 and 504 only', () => {
    const statuses = [400, 401, 404, 409, 429, 500, 501, 502, 503, 504, 505];
    expect(statuses.filter(isRetryableStatus)).toEqual([429, 502, 503, 504]);
  });

  it('takes GET, PUT and DELETE as idempotent, POST and PATCH only when declared so', () => {
    expect(['GET', 'PUT', 'DELETE', 'POST', 'PATCH'].filter((method) => isIdempotent(method, undefined))).toEqual(['GET', 'PUT', 'DELETE']);
    expect(isIdempotent('POST', true)).toBe(true);
    expect(isIdempotent('GET', false)).toBe(false);
  });
});
