import { describe, expect, it } from 'vitest';

import { callContext, withFakeRestApi } from '../../helpers/rest-api-calls.js';

describe('REST API items', () => {
  const session = withFakeRestApi(
    { auth: 'client_credentials' },
    {
      prepare: (fake) =>
        fake.seed('orders', [
          { id: '1', status: 'open', total: 10 },
          { id: '2', status: 'shipped', total: 20 },
          { id: '3', status: 'open', total: 30 },
        ]),
    },
  );
  const ctx = callContext();

  it('reads one item by collection and ID', async () => {
    await expect(session.api.get('orders', '2', ctx)).resolves.toEqual({ id: '2', status: 'shipped', total: 20 });
    expect(session.fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/orders/2' });
  });

  it('lists a page with limit and offset, with the total and the offset of the next page', async () => {
    const page = await session.api.list('orders', { limit: 2, offset: 0 }, ctx);
    expect(page).toEqual({ items: [expect.objectContaining({ id: '1' }), expect.objectContaining({ id: '2' })], total: 3, nextOffset: 2 });
    expect(session.fake.requests.at(-1)?.query).toEqual({ limit: '2', offset: '0' });
  });

  it('reports no next offset on the last page', async () => {
    const page = await session.api.list('orders', { limit: 2, offset: 2 }, ctx);
    expect(page).toEqual({ items: [expect.objectContaining({ id: '3' })], total: 3 });
  });

  it('sends filters as query parameters', async () => {
    const page = await session.api.list('orders', { limit: 10, offset: 0, filters: { status: 'open', total: 30 } }, ctx);
    expect(page.items).toEqual([expect.objectContaining({ id: '3' })]);
    expect(session.fake.requests.at(-1)?.query).toEqual({ status: 'open', total: '30', limit: '10', offset: '0' });
  });

  it('creates an item and returns it as stored, with its location', async () => {
    const created = await session.api.create('orders', { status: 'new', total: 5 }, {}, ctx);
    expect(created).toEqual({ item: { id: '4', status: 'new', total: 5 }, location: '/api/v1/orders/4' });
    expect(session.fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/orders', body: { status: 'new', total: 5 } });
  });

  it('updates the given fields with PATCH and returns the updated item', async () => {
    await expect(session.api.update('orders', '1', { status: 'shipped' }, ctx)).resolves.toEqual({ id: '1', status: 'shipped', total: 10 });
    expect(session.fake.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/orders/1', body: { status: 'shipped' } });
  });

  it('deletes an item', async () => {
    await session.api.delete('orders', '1', ctx);
    expect(session.fake.items('orders').map((item) => item.id)).toEqual(['2', '3']);
  });

  it('sends an ID with reserved characters as one encoded path segment', async () => {
    session.fake.seed('orders', [{ id: "SO:7@eu'1" }]);
    await expect(session.api.get('orders', "SO:7@eu'1", ctx)).resolves.toEqual({ id: "SO:7@eu'1" });
    expect(session.fake.requests.at(-1)?.path).toBe("/orders/SO%3A7%40eu'1");
  });
});
