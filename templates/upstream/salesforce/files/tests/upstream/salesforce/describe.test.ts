import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSalesforce, type FakeSalesforce } from '../../helpers/fake-salesforce.js';
import { callContext, salesforceApiFor } from '../../helpers/salesforce-api.js';

describe('Salesforce describe', () => {
  let fake: FakeSalesforce;
  beforeEach(async () => {
    fake = await startFakeSalesforce();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('lists the org\'s objects with what the user may do with them', async () => {
    const objects = await salesforceApiFor(fake).describe.sobjects(callContext());
    expect(objects).toContainEqual({ name: 'Account', label: 'Account', custom: false, queryable: true, createable: true, updateable: true, deletable: true });
    expect(fake.apiRequests()[0]?.path).toBe('/services/data/v66.0/sobjects');
  });

  it('tells which fields a new record requires', async () => {
    const account = await salesforceApiFor(fake).describe.sobject('Account', callContext());
    const required = account.fields.filter((field) => field.required).map((field) => field.name);
    expect(required).toEqual(['Name']);
  });

  it('gives picklist values, external IDs and lookups with their relationship names', async () => {
    const api = salesforceApiFor(fake);
    const account = await api.describe.sobject('Account', callContext());
    const contact = await api.describe.sobject('Contact', callContext());
    expect(account.fields.find((field) => field.name === 'Industry')).toMatchObject({ type: 'picklist', picklistValues: ['Banking', 'Energy', 'Retail'] });
    expect(account.fields.find((field) => field.name === 'External_Id__c')).toMatchObject({ externalId: true, unique: true, length: 64 });
    expect(contact.fields.find((field) => field.name === 'AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
  });

  it('lists only child relationships that can be queried', async () => {
    const account = await salesforceApiFor(fake).describe.sobject('Account', callContext());
    expect(account.childRelationships).toEqual([{ relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' }]);
  });

  it('reports an unknown object as upstream_not_found', async () => {
    await expect(salesforceApiFor(fake).describe.sobject('Invoice__c', callContext())).rejects.toMatchObject({
      code: 'upstream_not_found',
      details: { status: 404, upstreamCode: 'NOT_FOUND' },
    });
  });
});
