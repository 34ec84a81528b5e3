import { describe, expect, it } from 'vitest';

import { UpstreamError } from '../../../src/upstream/http/errors.js';
import { callContext, withFakeRestApi } from '../../helpers/rest-api-calls.js';

/** Each failure of the REST API reaches the tool as an UpstreamError a client can act on. */
describe('REST API errors', () => {
  // One attempt each: these tests are about what a failure means, not about retrying it.
  const session = withFakeRestApi({ auth: 'none' }, { env: { UPSTREAM_MAX_RETRIES: '0' } });
  const ctx = callContext();

  async function failureOf(call: Promise<unknown>): Promise<UpstreamError> {
    const error = await call.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
    return error;
  }

  it('reads the fields of a problem+json validation error (RFC 9457 pointers)', async () => {
    session.fake.respondNext({
      status: 422,
      body: { type: 'https://session.api.example.com/problems/invalid-order', title: 'Invalid order', errors: [{ pointer: '#/lines/0/sku', detail: 'is unknown' }] },
    });
    const error = await failureOf(session.api.create('orders', { lines: [{ sku: 'x' }] }, {}, ctx));
    expect(error.code).toBe('upstream_validation');
    expect(error.details).toMatchObject({
      status: 422,
      upstreamCode: 'https://session.api.example.com/problems/invalid-order',
      fields: [{ field: 'lines.0.sku', message: 'is unknown' }],
    });
    expect(error.message).toContain('Invalid order');
    expect(error.message).toContain('lines.0.sku: is unknown');
  });

  it('reads invalid-params and per-field message lists as field problems', async () => {
    session.fake.respondNext(
      { status: 400, body: { title: 'Bad Request', 'invalid-params': [{ name: 'age', reason: 'must be a positive integer' }] } },
      { status: 400, body: { title: 'One or more validation errors occurred.', errors: { Email: ['is required', 'is too short'] } } },
    );
    expect((await failureOf(session.api.create('people', {}, {}, ctx))).details.fields).toEqual([{ field: 'age', message: 'must be a positive integer' }]);
    expect((await failureOf(session.api.create('people', {}, {}, ctx))).details.fields).toEqual([
      { field: 'Email', message: 'is required' },
      { field: 'Email', message: 'is too short' },
    ]);
  });

  it('combines the title and detail of a problem into the message', async () => {
    const error = await failureOf(session.api.get('orders', '404', ctx));
    expect(error.code).toBe('upstream_not_found');
    expect(error.message).toContain('Not Found: No item 404 in orders');
  });

  it('reads a { message, code } body', async () => {
    session.fake.respondNext({ status: 409, body: { message: 'Order 7 is already shipped', code: 'ORDER_SHIPPED' }, contentType: 'application/json' });
    const error = await failureOf(session.api.update('orders', '7', { status: 'open' }, ctx));
    expect(error.code).toBe('upstream_conflict');
    expect(error.details).toMatchObject({ status: 409, upstreamCode: 'ORDER_SHIPPED' });
    expect(error.message).toContain('Order 7 is already shipped');
  });

  it.each([
    [401, 'upstream_auth'],
    [403, 'upstream_permission'],
    [404, 'upstream_not_found'],
    [412, 'upstream_conflict'],
    [429, 'upstream_rate_limited'],
    [500, 'upstream_unavailable'],
    [503, 'upstream_unavailable'],
    [418, 'upstream_unknown'],
  ])('maps HTTP %i to %s', async (status, code) => {
    session.fake.respondNext({ status, body: { title: 'Refused' } });
    const error = await failureOf(session.api.get('orders', '1', ctx));
    expect(error).toMatchObject({ code, details: { upstream: 'REST API', status } });
  });

  it('tells a rate-limited caller when to try again', async () => {
    session.fake.respondNext({ status: 429, body: { title: 'Too Many Requests' }, headers: { 'retry-after': '30' } });
    const error = await failureOf(session.api.get('orders', '1', ctx));
    expect(error).toMatchObject({ code: 'upstream_rate_limited', details: { retryAfterMs: 30_000 } });
  });

  it('keeps a body that is not JSON out of the message', async () => {
    session.fake.respondNext({ status: 500, body: '<html>Internal stack trace at db.internal:5432</html>', contentType: 'text/html' });
    const error = await failureOf(session.api.get('orders', '1', ctx));
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).not.toContain('db.internal');
  });

  it('reports a dropped connection as unavailable', async () => {
    session.fake.respondNext({ disconnect: true });
    const error = await failureOf(session.api.get('orders', '1', ctx));
    expect(error).toMatchObject({ code: 'upstream_unavailable', details: { reason: 'network' } });
  });
});
