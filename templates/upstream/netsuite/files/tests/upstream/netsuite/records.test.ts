import { describe, expect, it } from 'vitest';

import { withFakeNetSuiteApi } from '../../helpers/netsuite-session.js';
import { callContext } from '../../helpers/upstream-client.js';

describe('the NetSuite record service', () => {
  const session = withFakeNetSuiteApi();

  describe('get', () => {
    it('reads a record by internal ID, without NetSuite navigation links', async () => {
      const record = await session.api.records.get('customer', '101', callContext());
      expect(record).toMatchObject({ id: '101', companyName: 'Customer 101', subsidiary: { id: '1', refName: 'Parent Company' } });
      expect(JSON.stringify(record)).not.toContain('"links"');
      expect(session.fake.apiRequests()[0]).toMatchObject({ method: 'GET', path: '/services/rest/record/v1/customer/101' });
    });

    it('reads a record by external ID', async () => {
      const record = await session.api.records.get('customer', 'eid:CUST-105', callContext());
      expect(record.id).toBe('105');
    });

    it('asks for the chosen fields only', async () => {
      const record = await session.api.records.get('customer', '101', callContext(), { fields: ['companyName', 'email'] });
      expect(record).toEqual({ companyName: 'Customer 101', email: 'ap@customer101.example' });
      expect(session.fake.apiRequests()[0]?.query).toEqual({ fields: 'companyName,email' });
    });

    it('leaves sublists as references unless asked to expand them', async () => {
      const plain = await session.api.records.get('customer', '101', callContext());
      const expanded = await session.api.records.get('customer', '101', callContext(), { expandSubResources: true });
      expect(plain.addressBook).toEqual({});
      expect(expanded.addressBook).toMatchObject({ items: [{ addressBookAddress_text: '101 Main Street' }] });
      expect(session.fake.apiRequests()[1]?.query).toEqual({ expandSubResources: 'true' });
    });
  });

  describe('create', () => {
    it('posts the values and answers with the ID from the Location header', async () => {
      const { id } = await session.api.records.create('customer', { companyName: 'Acme Ltd', email: 'ap@acme.example' }, callContext());
      expect(session.fake.records('customer').find((record) => record.id === id)).toMatchObject({ companyName: 'Acme Ltd', email: 'ap@acme.example' });
      expect(session.fake.apiRequests()[0]).toMatchObject({ method: 'POST', path: '/services/rest/record/v1/customer' });
      expect(JSON.parse(session.fake.apiRequests()[0]?.body ?? '')).toEqual({ companyName: 'Acme Ltd', email: 'ap@acme.example' });
    });

    it('is sent once, not retried, when NetSuite fails: it may have acted', async () => {
      session.fake.failNext(1, { status: 503 });
      await expect(session.api.records.create('customer', { companyName: 'Acme Ltd' }, callContext())).rejects.toMatchObject({ code: 'upstream_unavailable' });
      expect(session.fake.apiRequests()).toHaveLength(1);
    });
  });

  describe('update', () => {
    it('patches the given fields and leaves the others', async () => {
      await session.api.records.update('customer', '102', { email: 'billing@customer102.example' }, callContext());
      expect(session.fake.records('customer').find((record) => record.id === '102')).toMatchObject({ email: 'billing@customer102.example', companyName: 'Customer 102' });
      expect(session.fake.apiRequests()[0]).toMatchObject({ method: 'PATCH', path: '/services/rest/record/v1/customer/102' });
    });
  });

  describe('delete', () => {
    it('deletes the record', async () => {
      await session.api.records.delete('customer', '103', callContext());
      expect(session.fake.records('customer').map((record) => record.id)).not.toContain('103');
      expect(session.fake.apiRequests()[0]).toMatchObject({ method: 'DELETE', path: '/services/rest/record/v1/customer/103' });
    });

    it('is retried after a gateway failure', async () => {
      session.fake.failNext(1, { status: 502 });
      await session.api.records.delete('customer', '103', callContext());
      expect(session.fake.apiRequests()).toHaveLength(2);
    });
  });

  describe('list', () => {
    it('lists one page of IDs with the paging facts', async () => {
      const page = await session.api.records.list('customer', callContext(), { limit: 10, offset: 10 });
      expect(page).toEqual({
        items: Array.from({ length: 10 }, (_, index) => ({ id: String(111 + index) })),
        count: 10,
        hasMore: true,
        offset: 10,
        totalResults: 25,
      });
      expect(session.fake.apiRequests()[0]?.query).toEqual({ limit: '10', offset: '10' });
    });

    it('says when the last page is reached', async () => {
      const page = await session.api.records.list('customer', callContext(), { limit: 10, offset: 20 });
      expect(page).toMatchObject({ count: 5, hasMore: false });
    });

    it('passes a filter on', async () => {
      const page = await session.api.records.list('customer', callContext(), { q: 'email START_WITH "ap@customer12"' });
      expect(page.items).toEqual([{ id: '120' }, { id: '121' }, { id: '122' }, { id: '123' }, { id: '124' }, { id: '125' }]);
    });

    it('refuses a page size NetSuite does not serve, before calling it', async () => {
      await expect(session.api.records.list('customer', callContext(), { limit: 1001 })).rejects.toMatchObject({ code: 'invalid_argument' });
      expect(session.fake.requests).toHaveLength(0);
    });
  });

  describe('identifiers', () => {
    it.each(['../customer', 'customer/101', 'customer?fields=x', '%2e%2e', '', 'customer#x'])('refuse the record type %j before any request', async (type) => {
      await expect(session.api.records.get(type, '101', callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
      expect(session.fake.requests).toHaveLength(0);
    });

    it.each(['..', '101/..', '101?x=1', 'eid:../x', 'eid:', '1 OR 1=1', '-1'])('refuse the record ID %j before any request', async (id) => {
      await expect(session.api.records.get('customer', id, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
      expect(session.fake.requests).toHaveLength(0);
    });

    it('refuse a field ID that is not one', async () => {
      await expect(session.api.records.get('customer', '101', callContext(), { fields: ['companyName,email'] })).rejects.toMatchObject({ code: 'invalid_argument' });
      expect(session.fake.requests).toHaveLength(0);
    });
  });
});
