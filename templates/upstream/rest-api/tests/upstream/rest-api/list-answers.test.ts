import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RestApi } from '../../../src/upstream/rest-api/rest-api.js';
import { startFakeRestApi, type FakeRestApi } from '../../helpers/fake-rest-api.js';
import { callContext, restApiFor } from '../../helpers/rest-api-calls.js';

/** APIs shape their lists differently; the page reads the common shapes. */
describe('REST API list answers', () => {
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

  it('reads a bare JSON array, with the total from X-Total-Count', async () => {
    fake.respondNext({ status: 200, body: [{ id: 'a' }, { id: 'b' }], headers: { 'x-total-count': '5' } });
    await expect(api.list('orders', { limit: 2, offset: 0 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }, { id: 'b' }], total: 5, nextOffset: 2 });
  });

  it.each(['data', 'results'])('reads the items from "%s"', async (key) => {
    fake.respondNext({ status: 200, body: { [key]: [{ id: 'a' }], total_count: 1 } });
    await expect(api.list('orders', { limit: 10, offset: 0 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }], total: 1 });
  });

  it('expects more after a full page when the API reports no total', async () => {
    fake.respondNext({ status: 200, body: { items: [{ id: 'a' }, { id: 'b' }] } });
    await expect(api.list('orders', { limit: 2, offset: 4 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }, { id: 'b' }], nextOffset: 6 });
  });

  it('ends the list after a short page when the API reports no total', async () => {
    fake.respondNext({ status: 200, body: { items: [{ id: 'a' }] } });
    await expect(api.list('orders', { limit: 2, offset: 4 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }] });
  });

  it('reports an answer that holds no list as unexpected', async () => {
    fake.respondNext({ status: 200, body: { order: { id: 'a' } } });
    await expect(api.list('orders', { limit: 2, offset: 0 }, ctx)).rejects.toMatchObject({ code: 'upstream_unknown' });
  });
});
