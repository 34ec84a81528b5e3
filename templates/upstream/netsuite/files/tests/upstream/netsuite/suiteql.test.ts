import { describe, expect, it } from 'vitest';

import { withFakeNetSuiteApi } from '../../helpers/netsuite-session.js';
import { callContext } from '../../helpers/upstream-client.js';

const QUERY = 'SELECT id, companyname FROM customer ORDER BY id';

describe('SuiteQL', () => {
  const session = withFakeNetSuiteApi();

  it('posts the query with Prefer: transient and the page in the query string', async () => {
    await session.api.suiteql.query(QUERY, callContext(), { limit: 5, offset: 10 });
    const [request] = session.fake.apiRequests();
    expect(request).toMatchObject({ method: 'POST', path: '/services/rest/query/v1/suiteql', query: { limit: '5', offset: '10' } });
    expect(request?.headers.prefer).toBe('transient');
    expect(JSON.parse(request?.body ?? '')).toEqual({ q: QUERY });
  });

  it('answers with the rows, without links, and the paging facts', async () => {
    const page = await session.api.suiteql.query(QUERY, callContext(), { limit: 2 });
    expect(page).toEqual({
      items: [
        { id: '101', companyname: 'Customer 101' },
        { id: '102', companyname: 'Customer 102' },
      ],
      count: 2,
      hasMore: true,
      offset: 0,
      totalResults: 25,
    });
  });

  it('pages through every row', async () => {
    const ids: unknown[] = [];
    let offset = 0;
    for (;;) {
      const page = await session.api.suiteql.query(QUERY, callContext(), { limit: 10, offset });
      ids.push(...page.items.map((row) => row.id));
      if (!page.hasMore) break;
      offset += page.count;
    }
    expect(ids).toEqual(Array.from({ length: 25 }, (_, index) => String(101 + index)));
    expect(session.fake.apiRequests()).toHaveLength(3);
  });

  it('is retried like a read when NetSuite is briefly unavailable', async () => {
    session.fake.failNext(2, { status: 503 });
    const page = await session.api.suiteql.query(QUERY, callContext(), { limit: 1 });
    expect(page.items).toEqual([{ id: '101', companyname: 'Customer 101' }]);
    expect(session.fake.apiRequests()).toHaveLength(3);
  });

  it('reports a query NetSuite cannot run as upstream_validation with its explanation', async () => {
    await expect(session.api.suiteql.query('SELECT id FROM nosuchtable', callContext())).rejects.toMatchObject({
      code: 'upstream_validation',
      message: expect.stringContaining("Record 'nosuchtable' was not found"),
      details: { upstreamCode: 'INVALID_PARAMETER' },
    });
  });

  it('refuses an empty query before calling NetSuite', async () => {
    await expect(session.api.suiteql.query('  ', callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(session.fake.requests).toHaveLength(0);
  });

  it('refuses a page size NetSuite does not serve before calling it', async () => {
    await expect(session.api.suiteql.query(QUERY, callContext(), { limit: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(session.fake.requests).toHaveLength(0);
  });
});
