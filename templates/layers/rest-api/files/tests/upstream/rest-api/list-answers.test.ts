import { describe, expect, it } from 'vitest';

import { callContext, withFakeRestApi } from '../../helpers/rest-api-calls.js';

/** APIs shape their lists differently; the page reads the common shapes. */
describe('REST API list answers', () => {
  const session = withFakeRestApi({ auth: 'none' });
  const ctx = callContext();

  it('reads a bare JSON array, with the total from X-Total-Count', async () => {
    session.fake.respondNext({ status: 200, body: [{ id: 'a' }, { id: 'b' }], headers: { 'x-total-count': '5' } });
    await expect(session.api.list('orders', { limit: 2, offset: 0 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }, { id: 'b' }], total: 5, nextOffset: 2 });
  });

  it.each(['data', 'results'])('reads the items from "%s"', async (key) => {
    session.fake.respondNext({ status: 200, body: { [key]: [{ id: 'a' }], total_count: 1 } });
    await expect(session.api.list('orders', { limit: 10, offset: 0 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }], total: 1 });
  });

  it('expects more after a full page when the API reports no total', async () => {
    session.fake.respondNext({ status: 200, body: { items: [{ id: 'a' }, { id: 'b' }] } });
    await expect(session.api.list('orders', { limit: 2, offset: 4 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }, { id: 'b' }], nextOffset: 6 });
  });

  it('ends the list after a short page when the API reports no total', async () => {
    session.fake.respondNext({ status: 200, body: { items: [{ id: 'a' }] } });
    await expect(session.api.list('orders', { limit: 2, offset: 4 }, ctx)).resolves.toEqual({ items: [{ id: 'a' }] });
  });

  it('reports an answer that holds no list as unexpected', async () => {
    session.fake.respondNext({ status: 200, body: { order: { id: 'a' } } });
    await expect(session.api.list('orders', { limit: 2, offset: 0 }, ctx)).rejects.toMatchObject({ code: 'upstream_unknown' });
  });
});
