import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeSalesforce } from '../helpers/salesforce-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('salesforce_create_record over the %s protocol era', (era) => {
  const session = withFakeSalesforce(era);

  it('creates the record and returns its ID', async () => {
    const result = await session.client.callTool({ name: 'salesforce_create_record', arguments: { sobject: 'Contact', fields: { LastName: 'Lovelace' } } });
    expect(result.structuredContent).toEqual({ sobject: 'Contact', id: expect.stringMatching(/^003/), created: true });
    expect(session.fake.data.all('Contact')).toHaveLength(1);
  });

  it('with an external ID, creates the record once however often it is called', async () => {
    const call = () =>
      session.client.callTool({
        name: 'salesforce_create_record',
        arguments: { sobject: 'Account', fields: { Name: 'Acme' }, external_id: { field: 'External_Id__c', value: 'ERP-7' } },
      });
    const first = await call();
    const second = await call();
    expect(first.structuredContent).toMatchObject({ created: true });
    expect(second.structuredContent).toMatchObject({ created: false, id: (first.structuredContent as { id: string }).id });
    expect(session.fake.data.all('Account')).toHaveLength(1);
  });

  it('answers a refused record with upstream_validation and the fields Salesforce named', async () => {
    const result = await session.client.callTool({ name: 'salesforce_create_record', arguments: { sobject: 'Account', fields: { Industry: 'Banking' } } });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_validation', upstreamCode: 'REQUIRED_FIELD_MISSING', fields: [{ field: 'Name', message: expect.any(String) }] });
  });
});
