import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeNetSuite } from '../helpers/netsuite-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

const QUERY = 'SELECT id, companyname FROM customer ORDER BY id';

describe.each(ERAS)('netsuite_suiteql over the %s protocol era', (era) => {
  const session = withFakeNetSuite(era);

  const query = (args: Record<string, unknown>) => session.client.callTool({ name: 'netsuite_suiteql', arguments: { query: QUERY, ...args } });

  it('returns a page of rows and the offset of the next one', async () => {
    const result = await query({ limit: 2 });
    expect(result.structuredContent).toEqual({
      items: [
        { id: '101', companyname: 'Customer 101' },
        { id: '102', companyname: 'Customer 102' },
      ],
      count: 2,
      hasMore: true,
      offset: 0,
      totalResults: 25,
      nextOffset: 2,
    });
  });

  it('reaches the last page by following nextOffset, which the last page leaves out', async () => {
    const first = await query({ limit: 20 });
    const { nextOffset } = first.structuredContent as { nextOffset: number };
    const last = await query({ limit: 20, offset: nextOffset });
    expect(last.structuredContent).toMatchObject({ count: 5, hasMore: false, offset: 20 });
    expect(last.structuredContent).not.toHaveProperty('nextOffset');
  });

  it('asks NetSuite for 100 rows unless told otherwise', async () => {
    await query({});
    expect(session.fake.apiRequests()[0]?.query).toEqual({ limit: '100', offset: '0' });
  });

  it('answers upstream_rate_limited once NetSuite keeps refusing through every retry', async () => {
    session.fake.failNext(4, { status: 429 });
    const result = await query({});
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_rate_limited', status: 429, upstreamCode: 'CONCURRENCY_LIMIT_EXCEEDED' });
  });

  it('answers a short outage with the rows once NetSuite is back', async () => {
    session.fake.failNext(2, { status: 503 });
    const result = await query({ limit: 1 });
    expect(result.structuredContent).toMatchObject({ items: [{ id: '101' }] });
  });

  it.each(['DELETE FROM customer WHERE id = 101', "UPDATE customer SET companyname = 'x'", 'SELECT id FROM customer; DELETE FROM customer'])(
    'refuses %j with query_not_read_only before anything reaches NetSuite',
    async (statement) => {
      const result = await session.client.callTool({ name: 'netsuite_suiteql', arguments: { query: statement } });
      expect(result.isError).toBe(true);
      expect(toolErrorOf(result)).toMatchObject({ code: 'query_not_read_only' });
      expect(result.content).toEqual([{ type: 'text', text: expect.stringContaining('single SELECT statement') }]);
      expect(session.fake.requests).toHaveLength(0);
    },
  );

  it('refuses a page larger than NetSuite serves', async () => {
    const result = await query({ limit: 5000 });
    expect(result.isError).toBe(true);
    expect(session.fake.requests).toHaveLength(0);
  });
});
