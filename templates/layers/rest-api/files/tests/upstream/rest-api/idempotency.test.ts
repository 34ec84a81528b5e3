import { describe, expect, it } from 'vitest';

import { callContext, withFakeRestApi } from '../../helpers/rest-api-calls.js';

describe('REST API creation with an idempotency key', () => {
  const session = withFakeRestApi({ auth: 'none' });
  const ctx = callContext();

  it('sends the key as the Idempotency-Key header', async () => {
    await session.api.create('orders', { total: 5 }, { idempotencyKey: 'order-7f3a' }, ctx);
    expect(session.fake.requests.at(-1)?.headers['idempotency-key']).toBe('order-7f3a');
  });

  it('retries a creation whose connection dropped, with the same key, and creates the item once', async () => {
    session.fake.respondNext({ disconnect: true });
    await expect(session.api.create('orders', { total: 5 }, { idempotencyKey: 'order-7f3a' }, ctx)).resolves.toMatchObject({ item: { total: 5 } });
    expect(session.fake.requests.map((request) => request.headers['idempotency-key'])).toEqual(['order-7f3a', 'order-7f3a']);
    expect(session.fake.items('orders')).toHaveLength(1);
  });

  it('does not retry a creation without a key, whose effect is unknown', async () => {
    session.fake.respondNext({ status: 503, body: { title: 'Service Unavailable' } });
    await expect(session.api.create('orders', { total: 5 }, {}, ctx)).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(session.fake.requests).toHaveLength(1);
  });

  it('refuses a key that is not a header-safe token, sending nothing', async () => {
    await expect(session.api.create('orders', { total: 5 }, { idempotencyKey: 'two words' }, ctx)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(session.fake.requests).toHaveLength(0);
  });
});
