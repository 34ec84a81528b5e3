import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RestApi } from '../../../src/upstream/rest-api/rest-api.js';
import { startFakeRestApi, type FakeRestApi } from '../../helpers/fake-rest-api.js';
import { callContext, restApiFor } from '../../helpers/rest-api-calls.js';

describe('REST API creation with an idempotency key', () => {
  let fake: FakeRestApi;
  let api: RestApi;
  const ctx = callContext();

  beforeEach(async () => {
    fake = await startFakeRestApi({ auth: 'none' });
    api = restApiFor(fake);
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends the key as the Idempotency-Key header', async () => {
    await api.create('orders', { total: 5 }, { idempotencyKey: 'order-7f3a' }, ctx);
    expect(fake.requests.at(-1)?.headers['idempotency-key']).toBe('order-7f3a');
  });

  it('retries a creation whose connection dropped, with the same key, and creates the item once', async () => {
    fake.respondNext({ disconnect: true });
    await expect(api.create('orders', { total: 5 }, { idempotencyKey: 'order-7f3a' }, ctx)).resolves.toMatchObject({ item: { total: 5 } });
    expect(fake.requests.map((request) => request.headers['idempotency-key'])).toEqual(['order-7f3a', 'order-7f3a']);
    expect(fake.items('orders')).toHaveLength(1);
  });

  it('does not retry a creation without a key, whose effect is unknown', async () => {
    fake.respondNext({ status: 503, body: { title: 'Service Unavailable' } });
    await expect(api.create('orders', { total: 5 }, {}, ctx)).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a key that is not a header-safe token, sending nothing', async () => {
    await expect(api.create('orders', { total: 5 }, { idempotencyKey: 'two words' }, ctx)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(fake.requests).toHaveLength(0);
  });
});
