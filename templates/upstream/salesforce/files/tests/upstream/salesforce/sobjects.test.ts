import { describe, expect, it } from 'vitest';

import { callContext } from '../../helpers/salesforce-api.js';
import { withFakeSalesforceApi } from '../../helpers/salesforce-session.js';

describe('Salesforce sObject records', () => {
  const session = withFakeSalesforceApi();

  it('are read by ID, without Salesforce\'s attributes', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme', Industry: 'Banking' });
    const record = await session.api.sobjects.get({ sobject: 'Account', id }, callContext());
    expect(record).toMatchObject({ Id: id, Name: 'Acme', Industry: 'Banking' });
    expect(record).not.toHaveProperty('attributes');
    expect(session.fake.apiRequests()[0]?.path).toBe(`/services/data/v66.0/sobjects/Account/${id}`);
  });

  it('are read with only the fields asked for', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme', Industry: 'Banking' });
    await expect(session.api.sobjects.get({ sobject: 'Account', id, fields: ['Name'] }, callContext())).resolves.toEqual({ Name: 'Acme' });
    expect(session.fake.apiRequests()[0]?.query).toEqual({ fields: 'Name' });
  });

  it('are found by the 15-character form of their ID too', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme' });
    await expect(session.api.sobjects.get({ sobject: 'Account', id: id.slice(0, 15), fields: ['Name'] }, callContext())).resolves.toEqual({ Name: 'Acme' });
  });

  it('are created with a POST to the object, answering with the new ID', async () => {
    const { id } = await session.api.sobjects.create({ sobject: 'Contact', values: { LastName: 'Lovelace', Email: 'ada@acme.test' } }, callContext());
    expect(id).toMatch(/^003/);
    expect(session.fake.apiRequests()[0]).toMatchObject({ method: 'POST', path: '/services/data/v66.0/sobjects/Contact' });
    expect(session.fake.data.find('Contact', id)).toMatchObject({ values: { LastName: 'Lovelace', Email: 'ada@acme.test' } });
  });

  it('are upserted by external ID: created first, then updated, never duplicated', async () => {
    const ref = { sobject: 'Account', field: 'External_Id__c', value: 'ERP-42' };
    const first = await session.api.sobjects.upsert({ ...ref, values: { Name: 'Acme' } }, callContext());
    const second = await session.api.sobjects.upsert({ ...ref, values: { Name: 'Acme Corp' } }, callContext());
    expect(first).toEqual({ id: expect.stringMatching(/^001/), created: true });
    expect(second).toEqual({ id: first.id, created: false });
    expect(session.fake.data.all('Account').map((record) => record.values.Name)).toEqual(['Acme Corp']);
    expect(session.fake.apiRequests()[0]).toMatchObject({ method: 'PATCH', path: '/services/data/v66.0/sobjects/Account/External_Id__c/ERP-42' });
  });

  it('are upserted with external ID values that contain slashes, as one path segment', async () => {
    await session.api.sobjects.upsert({ sobject: 'Account', field: 'External_Id__c', value: 'a/../b', values: { Name: 'Acme' } }, callContext());
    expect(session.fake.apiRequests()[0]?.path).toBe('/services/data/v66.0/sobjects/Account/External_Id__c/a%2F..%2Fb');
    expect(session.fake.data.all('Account')[0]?.values.External_Id__c).toBe('a/../b');
  });

  it('are updated with a PATCH of the given fields only', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme', Industry: 'Banking' });
    await session.api.sobjects.update({ sobject: 'Account', id, values: { Industry: 'Energy' } }, callContext());
    expect(session.fake.apiRequests()[0]).toMatchObject({ method: 'PATCH', body: '{"Industry":"Energy"}' });
    expect(session.fake.data.find('Account', id)).toMatchObject({ values: { Name: 'Acme', Industry: 'Energy' } });
  });

  it('are deleted, after which they are reported as not found', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme' });
    await session.api.sobjects.delete({ sobject: 'Account', id }, callContext());
    await expect(session.api.sobjects.get({ sobject: 'Account', id }, callContext())).rejects.toMatchObject({
      code: 'upstream_not_found',
      details: { upstreamCode: 'ENTITY_IS_DELETED' },
    });
  });

  it('are not requested for an sObject name, record ID or field name of the wrong shape', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme' });
    await expect(session.api.sobjects.get({ sobject: '../oauth2', id }, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(session.api.sobjects.get({ sobject: 'Account', id: '../../query' }, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(session.api.sobjects.get({ sobject: 'Account', id, fields: ['Name,Owner.Password'] }, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(session.api.sobjects.update({ sobject: 'Account', id, values: { 'Name"': 'x' } }, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(session.fake.requests).toEqual([]);
  });
});
