import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { UpstreamRateLimitedError, UpstreamUnavailableError, UpstreamValidationError } from '../../../src/upstream/http/errors.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { callContext, testUpstreamClient } from '../../helpers/upstream-client.js';

let fake: FakeHttpUpstream;
beforeEach(async () => {
  fake = await FakeHttpUpstream.start();
});
afterEach(async () => {
  await fake.close();
});

describe('retries', () => {
  it.each([429, 502, 503, 504])('retries an idempotent request answered %i, then returns the success', async (status) => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status }, { status }, { body: { id: 7 } });
    const response = await client.request({ method: 'GET', path: '/items/7' }, callContext());
    expect(response.body).toEqual({ id: 7 });
    expect(fake.requests).toHaveLength(3);
  });

  it.each(['GET', 'PUT', 'DELETE'] as const)('treats %s as idempotent', async (method) => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 503 });
    await client.request({ method, path: '/items/7' }, callContext());
    expect(fake.requests.map((request) => request.method)).toEqual([method, method]);
  });

  it.each(['POST', 'PATCH'] as const)('sends %s once: the upstream may have acted on it', async (method) => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 503 });
    await expect(client.request({ method, path: '/items', body: { name: 'x' } }, callContext())).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a POST the caller declares idempotent (an idempotency key makes it safe)', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 503 });
    await client.request({ method: 'POST', path: '/items', body: { name: 'x' }, headers: { 'idempotency-key': 'k-1' }, idempotent: true }, callContext());
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((request) => request.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
  });

  it.each([500, 501, 400, 404, 409])('does not retry HTTP %i: it would fail the same way again', async (status) => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).rejects.toThrow();
    expect(fake.requests).toHaveLength(1);
  });

  it('retries after a network failure', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ hangUp: true });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).resolves.toMatchObject({ status: 200 });
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a network failure that persists as unavailable (reason network)', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ hangUp: true }, { hangUp: true }, { hangUp: true }, { hangUp: true });
    const error = await client.request({ method: 'GET', path: '/items' }, callContext()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', details: { upstream: 'Fake API', reason: 'network' } });
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 503 }, { status: 503 }, { status: 503 }, { status: 429, headers: { 'retry-after': '2' } });
    const error = await client.request({ method: 'GET', path: '/items' }, callContext()).catch((caught: unknown) => caught);
    expect(fake.requests).toHaveLength(4);
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ details: { status: 429, retryAfterMs: 2_000 } });
  });

  it('does not retry when maxRetries is 0', async () => {
    const { client } = testUpstreamClient(fake, { retry: { maxRetries: 0, baseDelayMs: 100, maxDelayMs: 1_000, totalTimeoutMs: 60_000 } });
    fake.respond({ status: 503 });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(fake.requests).toHaveLength(1);
  });

  it('sends the same request again: method, path, query, headers and body', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 502 });
    await client.request({ method: 'PUT', path: '/items/7', query: { mode: 'full' }, body: { name: 'x' }, headers: { 'if-match': '"v1"' } }, callContext());
    const [first, second] = fake.requests;
    expect(second).toMatchObject({ method: first?.method, url: first?.url, body: first?.body });
    expect(second?.headers['if-match']).toBe('"v1"');
  });
});

describe('backoff', () => {
  it('waits random() * min(maxDelayMs, baseDelayMs * 2^retry) before each retry', async () => {
    const jitter = [0.5, 0.25, 1];
    const { client, time } = testUpstreamClient(fake, { random: () => jitter.shift() ?? 0 });
    fake.respond({ status: 503 }, { status: 503 }, { status: 503 });
    await client.request({ method: 'GET', path: '/items' }, callContext());
    // caps 100, 200, 400 ms
    expect(time.sleeps).toEqual([50, 50, 400]);
  });

  it('never waits longer than maxDelayMs between retries', async () => {
    const { client, time } = testUpstreamClient(fake, {
      random: () => 1,
      retry: { maxRetries: 6, baseDelayMs: 100, maxDelayMs: 500, totalTimeoutMs: 60_000 },
    });
    fake.respond(...Array.from({ length: 6 }, () => ({ status: 503 })));
    await client.request({ method: 'GET', path: '/items' }, callContext());
    expect(time.sleeps).toEqual([100, 200, 400, 500, 500, 500]);
  });

  it('waits at least the Retry-After seconds the upstream asks for', async () => {
    const { client, time } = testUpstreamClient(fake);
    fake.respond({ status: 429, headers: { 'retry-after': '3' } });
    await client.request({ method: 'GET', path: '/items' }, callContext());
    expect(time.sleeps).toEqual([3_000]);
  });

  it('waits until the HTTP date of Retry-After', async () => {
    const { client, time } = testUpstreamClient(fake);
    fake.respond({ status: 503, headers: { 'retry-after': new Date(time.now() + 7_000).toUTCString() } });
    await client.request({ method: 'GET', path: '/items' }, callContext());
    expect(time.sleeps).toEqual([7_000]);
  });

  it('keeps its own backoff when Retry-After asks for less', async () => {
    const { client, time } = testUpstreamClient(fake, { random: () => 1 });
    fake.respond({ status: 503 }, { status: 503, headers: { 'retry-after': '0' } });
    await client.request({ method: 'GET', path: '/items' }, callContext());
    expect(time.sleeps).toEqual([100, 200]);
  });
});

describe('total deadline', () => {
  it('stops retrying when the next wait would pass totalTimeoutMs, with the last error', async () => {
    const { client, time } = testUpstreamClient(fake, {
      random: () => 1,
      retry: { maxRetries: 10, baseDelayMs: 400, maxDelayMs: 10_000, totalTimeoutMs: 1_000 },
    });
    fake.respond({ status: 503 }, { status: 503 }, { status: 503 });
    const error = await client.request({ method: 'GET', path: '/items' }, callContext()).catch((caught: unknown) => caught);
    // 400 ms fits in the second, 800 ms more would not.
    expect(time.sleeps).toEqual([400]);
    expect(fake.requests).toHaveLength(2);
    expect(error).toMatchObject({ code: 'upstream_unavailable', details: { status: 503, reason: 'status' } });
  });

  it('does not wait for a Retry-After beyond the deadline: the client learns when to come back', async () => {
    const { client, time } = testUpstreamClient(fake, { retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, totalTimeoutMs: 5_000 } });
    fake.respond({ status: 429, headers: { 'retry-after': '60' } });
    const error = await client.request({ method: 'GET', path: '/items' }, callContext()).catch((caught: unknown) => caught);
    expect(time.sleeps).toEqual([]);
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ details: { retryAfterMs: 60_000 } });
    expect((error as Error).message).toContain('try again in 60 s');
  });

  it('cuts an attempt that would outlast the deadline (reason deadline)', async () => {
    const { client } = testUpstreamClient(fake, {
      now: Date.now,
      timeoutMs: 10_000,
      retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, totalTimeoutMs: 100 },
    });
    fake.respond({ delayMs: 5_000 });
    const error = await client.request({ method: 'GET', path: '/slow' }, callContext()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ details: { reason: 'deadline' } });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('per-attempt timeout', () => {
  // Timeouts leave the loopback request ample time to arrive, so the counts hold on a loaded machine.
  it('abandons a slow attempt after timeoutMs and retries it', async () => {
    const { client } = testUpstreamClient(fake, { timeoutMs: 500 });
    fake.respond({ delayMs: 5_000 }, { body: { fast: true } });
    const response = await client.request({ method: 'GET', path: '/slow' }, callContext());
    expect(response.body).toEqual({ fast: true });
    expect(fake.requests).toHaveLength(2);
  });

  it('reports an upstream that stays slow as unavailable (reason timeout)', async () => {
    const { client } = testUpstreamClient(fake, { timeoutMs: 100, retry: { maxRetries: 1, baseDelayMs: 100, maxDelayMs: 1_000, totalTimeoutMs: 60_000 } });
    fake.respond({ delayMs: 5_000 }, { delayMs: 5_000 });
    const error = await client.request({ method: 'GET', path: '/slow' }, callContext()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'upstream_unavailable', details: { reason: 'timeout' } });
    expect((error as Error).message).toBe('Fake API did not answer within 100 ms');
  });

  it('does not resend a timed-out POST', async () => {
    const { client } = testUpstreamClient(fake, { timeoutMs: 500 });
    fake.respond({ delayMs: 5_000 });
    await expect(client.request({ method: 'POST', path: '/items', body: {} }, callContext())).rejects.toMatchObject({ details: { reason: 'timeout' } });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('what is not retried', () => {
  it('reports a validation error at once', async () => {
    const { client, time } = testUpstreamClient(fake);
    fake.respond({ status: 422, body: { message: 'Invalid', errors: [{ field: 'email', message: 'is not an email address' }] } });
    await expect(client.request({ method: 'PUT', path: '/items/1', body: {} }, callContext())).rejects.toBeInstanceOf(UpstreamValidationError);
    expect(time.sleeps).toEqual([]);
  });
});
