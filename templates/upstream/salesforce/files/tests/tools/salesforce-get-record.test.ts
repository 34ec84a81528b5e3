import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeSalesforce } from '../helpers/salesforce-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('salesforce_get_record over the %s protocol era', (era) => {
  const session = withFakeSalesforce(era);

  it('returns the fields asked for', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme', Industry: 'Banking' });
    const result = await session.client.callTool({ name: 'salesforce_get_record', arguments: { sobject: 'Account', id, fields: ['Name', 'Industry'] } });
    expect(result.structuredContent).toEqual({ sobject: 'Account', id, record: { Name: 'Acme', Industry: 'Banking' } });
  });

  it('answers a missing record with upstream_not_found', async () => {
    const result = await session.client.callTool({ name: 'salesforce_get_record', arguments: { sobject: 'Account', id: '001000000000999AAA' } });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_not_found', upstream: 'Salesforce', status: 404, upstreamCode: 'NOT_FOUND' });
  });

  it('refuses an ID of the wrong shape without calling Salesforce', async () => {
    const result = await session.client.callTool({ name: 'salesforce_get_record', arguments: { sobject: 'Account', id: '../../sobjects' } });
    expect(result.isError).toBe(true);
    expect(session.fake.requests).toEqual([]);
  });
});
