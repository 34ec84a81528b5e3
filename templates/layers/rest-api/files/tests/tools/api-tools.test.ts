import { describe, expect, it } from 'vitest';

import { startFakeRestApi } from '../helpers/fake-rest-api.js';
import { withConnectedFake } from '../helpers/fake-upstream-session.js';
import { ERAS } from '../helpers/in-process-client.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('api_* tools over the %s protocol era', (era) => {
  const session = withConnectedFake(era, async () => {
    const fake = await startFakeRestApi({ auth: 'client_credentials' });
    fake.seed('orders', [
      { id: '1', status: 'open' },
      { id: '2', status: 'shipped' },
    ]);
    return fake;
  });

  const call = (name: string, args: Record<string, unknown>) => session.client.callTool({ name, arguments: args });

  it('declares which tools only read and which destroy', async () => {
    const { tools } = await session.client.listTools();
    const hints = Object.fromEntries(tools.filter((tool) => tool.name.startsWith('api_')).map((tool) => [tool.name, tool.annotations]));
    expect(hints).toEqual({
      api_get_item: expect.objectContaining({ readOnlyHint: true }),
      api_list_items: expect.objectContaining({ readOnlyHint: true }),
      api_create_item: expect.objectContaining({ readOnlyHint: false, destructiveHint: false }),
      api_update_item: expect.objectContaining({ destructiveHint: true }),
      api_delete_item: expect.objectContaining({ destructiveHint: true }),
    });
  });

  it('api_get_item returns the item as structured content', async () => {
    const result = await call('api_get_item', { collection: 'orders', id: '2' });
    expect(result.structuredContent).toEqual({ collection: 'orders', id: '2', item: { id: '2', status: 'shipped' } });
  });

  it('api_list_items returns a page, filtered, with the total', async () => {
    const result = await call('api_list_items', { collection: 'orders', filters: { status: 'open' } });
    expect(result.structuredContent).toEqual({ collection: 'orders', items: [{ id: '1', status: 'open' }], offset: 0, total: 1 });
    expect(session.fake.requests.at(-1)?.query).toEqual({ status: 'open', limit: '20', offset: '0' });
  });

  it('api_create_item creates the item, passing the idempotency key on', async () => {
    const result = await call('api_create_item', { collection: 'orders', fields: { status: 'new' }, idempotency_key: 'create-3' });
    expect(result.structuredContent).toEqual({ collection: 'orders', item: { id: '3', status: 'new' }, location: '/api/v1/orders/3' });
    expect(session.fake.requests.at(-1)?.headers['idempotency-key']).toBe('create-3');
  });

  it('api_update_item changes the given fields', async () => {
    const result = await call('api_update_item', { collection: 'orders', id: '1', changes: { status: 'shipped' } });
    expect(result.structuredContent).toEqual({ collection: 'orders', id: '1', item: { id: '1', status: 'shipped' } });
  });

  it('api_delete_item deletes the item', async () => {
    const result = await call('api_delete_item', { collection: 'orders', id: '1' });
    expect(result.structuredContent).toEqual({ collection: 'orders', id: '1', deleted: true });
    expect(session.fake.items('orders').map((item) => item.id)).toEqual(['2']);
  });

  it('answers an upstream failure with its code and details', async () => {
    const result = await call('api_get_item', { collection: 'orders', id: '99' });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toEqual(expect.objectContaining({ code: 'upstream_not_found', upstream: 'REST API', status: 404, message: expect.stringContaining('No item 99 in orders') }));
  });

  it('refuses an item ID that would leave the collection, without calling the API', async () => {
    const result = await call('api_get_item', { collection: 'orders', id: '../admin' });
    expect(result.isError).toBe(true);
    expect(session.fake.requests).toHaveLength(0);
  });
});
