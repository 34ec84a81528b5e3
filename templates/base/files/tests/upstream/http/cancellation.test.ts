import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { UpstreamError } from '../../../src/upstream/http/errors.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { callContext, testUpstreamClient } from '../../helpers/upstream-client.js';

let fake: FakeHttpUpstream;
beforeEach(async () => {
  fake = await FakeHttpUpstream.start();
});
afterEach(async () => {
  await fake.close();
});

const cancelled = new Error('the MCP client cancelled the call');

describe("the caller's signal", () => {
  it('stops a request in flight with its abort reason', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ delayMs: 5_000 });
    const controller = new AbortController();
    const pending = client.request({ method: 'GET', path: '/slow' }, callContext(controller));
    await fake.waitForRequests(1);
    controller.abort(cancelled);
    await expect(pending).rejects.toBe(cancelled);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops the retries: nothing is sent after the abort', async () => {
    const controller = new AbortController();
    const { client } = testUpstreamClient(fake, {
      sleep: async (_ms, signal) => {
        controller.abort(cancelled);
        signal?.throwIfAborted();
      },
    });
    fake.respond({ status: 503 });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext(controller))).rejects.toBe(cancelled);
    expect(fake.requests).toHaveLength(1);
  });

  it('sends nothing when it is already aborted', async () => {
    const { client } = testUpstreamClient(fake);
    const controller = new AbortController();
    controller.abort(cancelled);
    await expect(client.request({ method: 'GET', path: '/items' }, callContext(controller))).rejects.toBe(cancelled);
    expect(fake.requests).toHaveLength(0);
  });

  it('stops the wait for a token', async () => {
    const controller = new AbortController();
    const { client } = testUpstreamClient(fake, {
      tokenSource: { getAccessToken: ({ signal }) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))), invalidate: () => undefined },
    });
    const pending = client.request({ method: 'GET', path: '/items' }, callContext(controller));
    controller.abort(cancelled);
    await expect(pending).rejects.toBe(cancelled);
    expect(fake.requests).toHaveLength(0);
  });

  it('is not reported as an upstream failure, nor counted by the circuit breaker', async () => {
    const { client } = testUpstreamClient(fake, { breaker: { failureThreshold: 1, openMs: 30_000 } });
    fake.respond({ delayMs: 5_000 });
    const controller = new AbortController();
    const pending = client.request({ method: 'GET', path: '/slow' }, callContext(controller));
    await fake.waitForRequests(1);
    controller.abort(cancelled);
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(UpstreamError);
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).resolves.toMatchObject({ status: 200 });
  });
});
