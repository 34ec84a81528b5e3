import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeNetSuite } from '../helpers/netsuite-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('netsuite_create_record over the %s protocol era', (era) => {
  const session = withFakeNetSuite(era);

  it('creates the record and returns its internal ID', async () => {
    const result = await session.client.callTool({
      name: 'netsuite_create_record',
      arguments: { record_type: 'customer', values: { companyName: 'Acme Ltd', subsidiary: { id: '1' }, externalId: 'ACME-1' } },
    });
    expect(result.isError).toBeFalsy();
    const { id } = result.structuredContent as { id: string };
    expect(result.structuredContent).toEqual({ recordType: 'customer', id });
    expect(session.fake.records('customer').find((record) => record.id === id)).toMatchObject({ companyName: 'Acme Ltd', externalId: 'ACME-1' });
  });

  it('reports the fields NetSuite refused, so the caller can correct them', async () => {
    const result = await session.client.callTool({ name: 'netsuite_create_record', arguments: { record_type: 'customer', values: { email: 'nobody' } } });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({
      code: 'upstream_validation',
      status: 400,
      fields: [
        { field: 'companyName', message: 'Please enter value(s) for: companyName' },
        { field: 'email', message: expect.stringContaining('Invalid email address') },
      ],
    });
    expect(result.content).toEqual([{ type: 'text', text: expect.stringContaining('companyName: Please enter value(s) for: companyName') }]);
  });

  it('refuses an empty set of values without calling NetSuite', async () => {
    const result = await session.client.callTool({ name: 'netsuite_create_record', arguments: { record_type: 'customer', values: {} } });
    expect(result.isError).toBe(true);
    expect(session.fake.requests).toHaveLength(0);
  });
});
