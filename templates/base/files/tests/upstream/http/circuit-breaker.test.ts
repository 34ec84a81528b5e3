import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CircuitBreaker, type BreakerState } from '../../../src/upstream/http/circuit-breaker.js';
import { UpstreamUnavailableError } from '../../../src/upstream/http/errors.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { callContext, testUpstreamClient } from '../../helpers/upstream-client.js';
import { VirtualTime } from '../../helpers/virtual-time.js';

const POLICY = { failureThreshold: 3, openMs: 10_000 };

function breaker(time = new VirtualTime()) {
  const changes: BreakerState[] = [];
  return { breaker: new CircuitBreaker(POLICY, { now: time.now, onChange: (state) => changes.push(state) }), time, changes };
}

function fail(circuit: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i++) circuit.admit()?.done('failure');
}

describe('circuit breaker', () => {
  it('admits calls while closed', () => {
    const { breaker: circuit } = breaker();
    fail(circuit, 2);
    expect(circuit.admit()).toBeDefined();
    expect(circuit.state).toBe('closed');
  });

  it('opens after failureThreshold consecutive failures', () => {
    const { breaker: circuit, changes } = breaker();
    fail(circuit, 3);
    expect(circuit.state).toBe('open');
    expect(changes).toEqual(['open']);
  });

  it('counts consecutive failures only: a success starts the count again', () => {
    const { breaker: circuit } = breaker();
    fail(circuit, 2);
    circuit.admit()?.done('success');
    fail(circuit, 2);
    expect(circuit.state).toBe('closed');
  });

  it('refuses calls while open', () => {
    const { breaker: circuit, time } = breaker();
    fail(circuit, 3);
    time.advance(9_999);
    expect(circuit.admit()).toBeUndefined();
  });

  it('admits exactly one probe once openMs has passed', () => {
    const { breaker: circuit, time } = breaker();
    fail(circuit, 3);
    time.advance(10_000);
    expect(circuit.admit()).toBeDefined();
    expect(circuit.state).toBe('half_open');
    expect(circuit.admit()).toBeUndefined();
  });

  it('closes when the probe succeeds', () => {
    const { breaker: circuit, time, changes } = breaker();
    fail(circuit, 3);
    time.advance(10_000);
    circuit.admit()?.done('success');
    expect(circuit.state).toBe('closed');
    expect(changes).toEqual(['open', 'half_open', 'closed']);
    expect(circuit.admit()).toBeDefined();
  });

  it('opens again for openMs when the probe fails', () => {
    const { breaker: circuit, time } = breaker();
    fail(circuit, 3);
    time.advance(10_000);
    circuit.admit()?.done('failure');
    expect(circuit.state).toBe('open');
    time.advance(9_999);
    expect(circuit.admit()).toBeUndefined();
  });

  it('lets another probe through when the caller of the first gave up', () => {
    const { breaker: circuit, time } = breaker();
    fail(circuit, 3);
    time.advance(10_000);
    circuit.admit()?.done('ignored');
    expect(circuit.state).toBe('half_open');
    expect(circuit.admit()).toBeDefined();
  });

  it('does not take a call admitted before the circuit opened for the probe', () => {
    const { breaker: circuit, time } = breaker();
    const early = circuit.admit();
    fail(circuit, 3);
    time.advance(10_000);
    const probe = circuit.admit();
    early?.done('success');
    expect(circuit.state).toBe('half_open');
    probe?.done('success');
    expect(circuit.state).toBe('closed');
  });
});

describe('circuit breaker in the upstream client', () => {
  let fake: FakeHttpUpstream;
  beforeEach(async () => {
    fake = await FakeHttpUpstream.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  const noRetries = { maxRetries: 0, baseDelayMs: 100, maxDelayMs: 1_000, totalTimeoutMs: 60_000 };
  const get = { method: 'GET', path: '/items' } as const;

  it('fails fast, without calling the upstream, after failureThreshold failures', async () => {
    const { client } = testUpstreamClient(fake, { retry: noRetries, breaker: POLICY });
    fake.respond({ status: 503 }, { status: 503 }, { status: 503 });
    for (let i = 0; i < 3; i++) await expect(client.request(get, callContext())).rejects.toMatchObject({ details: { reason: 'status' } });

    const error = await client.request(get, callContext()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ details: { upstream: 'Fake API', reason: 'circuit_open' } });
    expect(fake.requests).toHaveLength(3);
  });

  it('counts network errors and timeouts as failures', async () => {
    // Long enough that the hang-up arrives before it on a loaded machine; the second answer never does.
    const { client } = testUpstreamClient(fake, { retry: noRetries, breaker: { failureThreshold: 2, openMs: 10_000 }, timeoutMs: 1_000 });
    fake.respond({ hangUp: true }, { delayMs: 30_000 });
    await expect(client.request(get, callContext())).rejects.toMatchObject({ details: { reason: 'network' } });
    await expect(client.request(get, callContext())).rejects.toMatchObject({ details: { reason: 'timeout' } });
    await expect(client.request(get, callContext())).rejects.toMatchObject({ details: { reason: 'circuit_open' } });
  });

  it('does not count answers that blame the request (4xx)', async () => {
    const { client } = testUpstreamClient(fake, { retry: noRetries, breaker: POLICY });
    fake.respond({ status: 404 }, { status: 400 }, { status: 403 }, { status: 404 });
    for (let i = 0; i < 4; i++) await expect(client.request(get, callContext())).rejects.not.toMatchObject({ details: { reason: 'circuit_open' } });
    expect(fake.requests).toHaveLength(4);
  });

  it('stops the retries of a request once the circuit opens', async () => {
    const { client } = testUpstreamClient(fake, { breaker: POLICY });
    fake.respond({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(client.request(get, callContext())).rejects.toMatchObject({ details: { reason: 'circuit_open' } });
    expect(fake.requests).toHaveLength(3);
  });

  it('probes the upstream after openMs and resumes calls when it answers', async () => {
    const { client, time } = testUpstreamClient(fake, { retry: noRetries, breaker: POLICY });
    fake.respond({ status: 503 }, { status: 503 }, { status: 503 });
    for (let i = 0; i < 3; i++) await client.request(get, callContext()).catch(() => undefined);

    time.advance(10_000);
    await expect(client.request(get, callContext())).resolves.toMatchObject({ status: 200 });
    await expect(client.request(get, callContext())).resolves.toMatchObject({ status: 200 });
    expect(fake.requests).toHaveLength(5);
  });

  it('logs when the circuit opens and closes', async () => {
    const { client, time, logs } = testUpstreamClient(fake, { retry: noRetries, breaker: POLICY });
    fake.respond({ status: 503 }, { status: 503 }, { status: 503 });
    for (let i = 0; i < 3; i++) await client.request(get, callContext()).catch(() => undefined);
    time.advance(10_000);
    await client.request(get, callContext());
    const messages = logs.entries().map((entry) => entry.msg);
    expect(messages).toContain('upstream circuit opened: failing fast');
    expect(messages).toContain('upstream circuit closed: calls resumed');
  });
});
