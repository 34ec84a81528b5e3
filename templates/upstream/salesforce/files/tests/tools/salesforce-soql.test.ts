import { beforeEach, describe, expect, it } from 'vitest';

import { SALESFORCE_FAULTS } from '../helpers/fake-salesforce.js';
import { ERAS } from '../helpers/in-process-client.js';
import { withFakeSalesforce } from '../helpers/salesforce-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

interface Page {
  totalSize: number;
  done: boolean;
  records: Array<Record<string, unknown>>;
  nextCursor?: string;
}

describe.each(ERAS)('salesforce_soql over the %s protocol era', (era) => {
  const session = withFakeSalesforce(era, { pageSize: 2 });
  beforeEach(() => {
    for (const name of ['Acme', 'Globex', 'Initech']) session.fake.data.seed('Account', { Name: name });
  });

  const soql = async (args: Record<string, unknown>) => session.client.callTool({ name: 'salesforce_soql', arguments: args });

  it('returns the first page and a cursor that fetches the next', async () => {
    const first = (await soql({ query: 'SELECT Name FROM Account ORDER BY Name' })).structuredContent as unknown as Page;
    expect(first).toMatchObject({ totalSize: 3, done: false, records: [{ Name: 'Acme' }, { Name: 'Globex' }] });
    const second = (await soql({ cursor: first.nextCursor })).structuredContent as unknown as Page;
    expect(second).toEqual({ totalSize: 3, done: true, records: [{ Name: 'Initech' }] });
  });

  it('wants either a query or a cursor', async () => {
    const both = await soql({ query: 'SELECT Name FROM Account', cursor: '/services/data/v66.0/query/01gX-2' });
    const neither = await soql({});
    expect(toolErrorOf(both)).toMatchObject({ code: 'invalid_argument' });
    expect(toolErrorOf(neither)).toMatchObject({ code: 'invalid_argument' });
    expect(session.fake.requests).toEqual([]);
  });

  it.each(['DELETE FROM Account', 'SELECT Id FROM Account; DELETE FROM Account', 'SELECT Id FROM Account LIMIT 1 FOR UPDATE'])(
    'refuses %j with query_not_read_only before anything reaches Salesforce',
    async (statement) => {
      const result = await soql({ query: statement });
      expect(result.isError).toBe(true);
      expect(toolErrorOf(result)).toMatchObject({ code: 'query_not_read_only' });
      expect(result.content).toEqual([{ type: 'text', text: expect.stringContaining('single plain SELECT query') }]);
      expect(session.fake.requests).toEqual([]);
    },
  );

  it('answers a malformed query with upstream_validation and Salesforce\'s message', async () => {
    const result = await soql({ query: 'SELECT Name Account' });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_validation', upstreamCode: 'MALFORMED_QUERY' });
  });

  it('answers an exhausted API limit with upstream_rate_limited', async () => {
    session.fake.failNext(SALESFORCE_FAULTS.requestLimitExceeded);
    const result = await soql({ query: 'SELECT Name FROM Account' });
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_rate_limited', status: 403, upstreamCode: 'REQUEST_LIMIT_EXCEEDED' });
  });
});
