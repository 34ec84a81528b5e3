import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeSalesforce } from '../helpers/salesforce-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('salesforce_update_record over the %s protocol era', (era) => {
  const session = withFakeSalesforce(era);

  it('sets the given fields and leaves the others', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme', Industry: 'Banking' });
    const result = await session.client.callTool({ name: 'salesforce_update_record', arguments: { sobject: 'Account', id, fields: { Industry: 'Retail' } } });
    expect(result.structuredContent).toEqual({ sobject: 'Account', id, updated: ['Industry'] });
    expect(session.fake.data.find('Account', id)).toMatchObject({ values: { Name: 'Acme', Industry: 'Retail' } });
  });

  it('answers a broken validation rule with upstream_validation', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme' });
    const result = await session.client.callTool({ name: 'salesforce_update_record', arguments: { sobject: 'Account', id, fields: { AnnualRevenue: -5 } } });
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_validation', fields: [{ field: 'AnnualRevenue' }] });
  });
});
