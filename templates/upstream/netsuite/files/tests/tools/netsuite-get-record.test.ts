import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeNetSuite } from '../helpers/netsuite-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('netsuite_get_record over the %s protocol era', (era) => {
  const session = withFakeNetSuite(era);

  it('returns the record as structured content', async () => {
    const result = await session.client.callTool({ name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '101', fields: ['companyName', 'email'] } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ recordType: 'customer', id: '101', record: { companyName: 'Customer 101', email: 'ap@customer101.example' } });
  });

  it('finds a record by external ID', async () => {
    const result = await session.client.callTool({ name: 'netsuite_get_record', arguments: { record_type: 'customer', id: 'eid:CUST-107' } });
    expect(result.structuredContent).toMatchObject({ record: { id: '107', companyName: 'Customer 107' } });
  });

  it('answers a missing record with upstream_not_found', async () => {
    const result = await session.client.callTool({ name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '999999' } });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_not_found', upstream: 'NetSuite', status: 404, upstreamCode: 'NONEXISTENT_ID' });
  });

  it('refuses an ID that is not one without calling NetSuite', async () => {
    const result = await session.client.callTool({ name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '../employee/7' } });
    expect(result.isError).toBe(true);
    expect(session.fake.requests).toHaveLength(0);
  });
});
