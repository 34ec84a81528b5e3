import { describe, expect, it, vi } from 'vitest';

import { anonymousIdentity } from '../../src/auth/types.js';
import { rateLimitCaller } from '../../src/rate-limit/caller.js';
import { createRateLimiter, retryAfterMs } from '../../src/rate-limit/rate-limiter.js';
import type { Store } from '../../src/storage/store.js';
import { captureLogs } from '../helpers/logs.js';
import { isolatedStore } from '../helpers/test-store.js';

const limits = (overrides: Partial<Record<'RATE_LIMIT_WINDOW_SECONDS' | 'RATE_LIMIT_REQUESTS' | 'RATE_LIMIT_TOOL_CALLS', number>> = {}) => ({
  RATE_LIMIT_WINDOW_SECONDS: 60,
  RATE_LIMIT_REQUESTS: 3,
  RATE_LIMIT_TOOL_CALLS: 2,
  ...overrides,
});

/** A store whose counters cannot be reached, as when the backend is down. */
function unreachable(store: Store): Store {
  return { ...store, increment: async () => Promise.reject(new Error('connection refused')) };
}

describe('rate limiter', () => {
  it('admits a caller up to the limit, then refuses it for the rest of the window', async () => {
    const limiter = createRateLimiter(isolatedStore(), limits(), captureLogs().logger);
    const decisions = [];
    for (let request = 0; request < 4; request++) decisions.push(await limiter.countRequest('subject:alice'));
    expect(decisions.map((decision) => [decision?.allowed, decision?.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(decisions[3]).toMatchObject({ policy: 'requests', limit: 3, windowSeconds: 60 });
  });

  it('says to retry when the window ends, never later than one window', async () => {
    const limiter = createRateLimiter(isolatedStore(), limits({ RATE_LIMIT_REQUESTS: 1 }), captureLogs().logger);
    const before = Date.now();
    await limiter.countRequest('subject:alice');
    const refused = await limiter.countRequest('subject:alice');
    if (refused === undefined) throw new Error('expected a decision');
    expect(refused.resetsAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(retryAfterMs(refused, refused.resetsAt - 42_000)).toBe(42_000);
    expect(retryAfterMs(refused, refused.resetsAt - 600_000)).toBe(60_000);
    expect(retryAfterMs(refused, refused.resetsAt + 1)).toBe(0);
  });

  it('admits the caller again once a new window starts', async () => {
    const limiter = createRateLimiter(isolatedStore(), limits({ RATE_LIMIT_WINDOW_SECONDS: 0.2, RATE_LIMIT_REQUESTS: 1 }), captureLogs().logger);
    const first = await limiter.countRequest('subject:alice');
    expect((await limiter.countRequest('subject:alice'))?.allowed).toBe(false);
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan((first?.resetsAt ?? 0) + 20), { timeout: 3_000, interval: 20 });
    expect(await limiter.countRequest('subject:alice')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('counts each caller on its own', async () => {
    const limiter = createRateLimiter(isolatedStore(), limits({ RATE_LIMIT_REQUESTS: 1 }), captureLogs().logger);
    expect((await limiter.countRequest('subject:alice'))?.allowed).toBe(true);
    expect((await limiter.countRequest('subject:bob'))?.allowed).toBe(true);
    expect((await limiter.countRequest('subject:alice'))?.allowed).toBe(false);
  });

  it('counts the calls of each tool on their own, apart from the requests', async () => {
    const limiter = createRateLimiter(isolatedStore(), limits({ RATE_LIMIT_REQUESTS: 1, RATE_LIMIT_TOOL_CALLS: 1 }), captureLogs().logger);
    await limiter.countRequest('subject:alice');
    expect(await limiter.countToolCall('subject:alice', 'echo')).toMatchObject({ allowed: true, policy: 'tool_calls', tool: 'echo' });
    expect((await limiter.countToolCall('subject:alice', 'whoami'))?.allowed).toBe(true);
    expect((await limiter.countToolCall('subject:alice', 'echo'))?.allowed).toBe(false);
  });

  it('counts nothing for a limit set to 0', async () => {
    const limiter = createRateLimiter(isolatedStore(), limits({ RATE_LIMIT_REQUESTS: 0, RATE_LIMIT_TOOL_CALLS: 0 }), captureLogs().logger);
    expect(await limiter.countRequest('subject:alice')).toBeUndefined();
    expect(await limiter.countToolCall('subject:alice', 'echo')).toBeUndefined();
  });

  it('lets requests through while the store is down, with one warning for the outage', async () => {
    const logs = captureLogs();
    const limiter = createRateLimiter(unreachable(isolatedStore()), limits({ RATE_LIMIT_REQUESTS: 1 }), logs.logger);
    for (let request = 0; request < 3; request++) expect(await limiter.countRequest('subject:alice')).toBeUndefined();
    expect(logs.entries().filter((entry) => entry.level === 40).map((entry) => entry.msg)).toEqual([
      'the store is unavailable; requests pass without rate limits until it answers again',
    ]);
  });
});

describe('rate-limited caller', () => {
  it('is the authenticated subject, with its tenant', () => {
    const alice = { subject: 'alice', scopes: [], roles: [] };
    expect(rateLimitCaller(alice, '10.0.0.1')).toBe(rateLimitCaller(alice, '10.0.0.2'));
    expect(rateLimitCaller({ ...alice, tenant: 'contoso' }, undefined)).not.toBe(rateLimitCaller({ ...alice, tenant: 'fabrikam' }, undefined));
  });

  it('is the client address when nobody is authenticated', () => {
    expect(rateLimitCaller(anonymousIdentity, '10.0.0.1')).not.toBe(rateLimitCaller(anonymousIdentity, '10.0.0.2'));
    expect(rateLimitCaller(anonymousIdentity, '10.0.0.1')).toBe('address:10.0.0.1');
  });
});
