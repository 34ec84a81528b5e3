import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeRestApi, type FakeRestApi } from '../../helpers/fake-rest-api.js';
import { callContext, restApiFor } from '../../helpers/rest-api-calls.js';

describe('what tool input may name in the REST API', () => {
  let fake: FakeRestApi;
  const ctx = callContext();

  beforeEach(async () => {
    fake = await startFakeRestApi({ auth: 'none' });
    fake.seed('orders', [{ id: '1' }]);
  });
  afterEach(async () => {
    await fake.close();
  });

  it.each(['..', '.', '../admin', '1/../../admin', 'a/b', 'a?b=1', 'a#b', '%2e%2e', 'a b', ''])('refuses the item ID %j without sending anything', async (id) => {
    await expect(restApiFor(fake).get('orders', id, ctx)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(fake.requests).toHaveLength(0);
  });

  it.each(['../admin', 'orders/1', '.hidden', 'orders?x=1', '', 'a'.repeat(101)])('refuses the collection name %j without sending anything', async (collection) => {
    await expect(restApiFor(fake).list(collection, { limit: 1, offset: 0 }, ctx)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(fake.requests).toHaveLength(0);
  });

  it.each(['limit', 'offset', 'a&b', 'a=b'])('refuses the filter name %j', async (name) => {
    await expect(restApiFor(fake).list('orders', { limit: 1, offset: 0, filters: { [name]: 'x' } }, ctx)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(fake.requests).toHaveLength(0);
  });

  it('reaches a collection on the UPSTREAM_API_COLLECTIONS allow-list', async () => {
    const api = restApiFor(fake, { UPSTREAM_API_COLLECTIONS: 'orders, customers' });
    await expect(api.get('orders', '1', ctx)).resolves.toEqual({ id: '1' });
  });

  it('refuses a collection off the allow-list, naming the allowed ones, without sending anything', async () => {
    const api = restApiFor(fake, { UPSTREAM_API_COLLECTIONS: 'orders,customers' });
    const refusal = api.delete('users', '1', ctx);
    await expect(refusal).rejects.toMatchObject({
      code: 'collection_not_allowed',
      message: expect.stringContaining('orders, customers'),
      details: { collection: 'users', allowedCollections: ['orders', 'customers'] },
    });
    expect(fake.requests).toHaveLength(0);
  });
});
