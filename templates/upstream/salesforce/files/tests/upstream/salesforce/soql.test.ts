import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSalesforce, type FakeSalesforce } from '../../helpers/fake-salesforce.js';
import { callContext, salesforceApiFor } from '../../helpers/salesforce-api.js';

describe('SOQL queries', () => {
  let fake: FakeSalesforce;
  beforeEach(async () => {
    fake = await startFakeSalesforce({ pageSize: 2 });
    for (const name of ['Acme', 'Globex', 'Initech', 'Umbrella', 'Wayne']) fake.data.seed('Account', { Name: name, Industry: 'Banking' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('send the query text as q and return records without attributes', async () => {
    const page = await salesforceApiFor(fake).soql.query("SELECT Name FROM Account WHERE Name = 'Globex'", callContext());
    expect(page).toEqual({ totalSize: 1, done: true, records: [{ Name: 'Globex' }] });
    expect(fake.apiRequests()[0]).toMatchObject({ path: '/services/data/v66.0/query', query: { q: "SELECT Name FROM Account WHERE Name = 'Globex'" } });
  });

  it('page through results with the cursor of each page until done', async () => {
    const api = salesforceApiFor(fake);
    const names: unknown[] = [];
    let page = await api.soql.query('SELECT Name FROM Account ORDER BY Name', callContext());
    names.push(...page.records.map((record) => record.Name));
    while (page.nextCursor !== undefined) {
      page = await api.soql.next(page.nextCursor, callContext());
      names.push(...page.records.map((record) => record.Name));
    }
    expect(names).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella', 'Wayne']);
    expect(page).toMatchObject({ totalSize: 5, done: true });
    expect(fake.apiRequests().map((request) => request.path)).toEqual([
      '/services/data/v66.0/query',
      expect.stringMatching(/^\/services\/data\/v66\.0\/query\/01g\w+-2$/),
      expect.stringMatching(/^\/services\/data\/v66\.0\/query\/01g\w+-4$/),
    ]);
  });

  it('give the cursor exactly as Salesforce\'s nextRecordsUrl', async () => {
    const page = await salesforceApiFor(fake).soql.query('SELECT Name FROM Account', callContext());
    expect(page).toMatchObject({ done: false, nextCursor: expect.stringMatching(/^\/services\/data\/v66\.0\/query\/01g\w+-2$/) });
  });

  it('refuse cursors that lead anywhere but the next page of a query', async () => {
    const api = salesforceApiFor(fake);
    for (const cursor of [
      'https://evil.example.com/services/data/v66.0/query/01gX-2',
      '/services/data/v66.0/sobjects/Account',
      '/services/data/v66.0/query/../../../services/oauth2/token',
      '/services/data/v52.0/query/01gX-2',
      '/services/data/v66.0/query/01gX-2?q=x',
    ]) {
      await expect(api.soql.next(cursor, callContext()), cursor).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    expect(fake.requests).toEqual([]);
  });
});
