import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeNetSuite } from '../helpers/netsuite-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('netsuite_update_record over the %s protocol era', (era) => {
  const session = withFakeNetSuite(era);

  it('changes the given fields and says which', async () => {
    const result = await session.client.callTool({
      name: 'netsuite_update_record',
      arguments: { record_type: 'customer', id: '104', values: { email: 'billing@customer104.example', isInactive: true } },
    });
    expect(result.structuredContent).toEqual({ recordType: 'customer', id: '104', updatedFields: ['email', 'isInactive'] });
    expect(session.fake.records('customer').find((record) => record.id === '104')).toMatchObject({
      companyName: 'Customer 104',
      email: 'billing@customer104.example',
      isInactive: true,
    });
  });

  it('leaves the record as it was when NetSuite refuses a value', async () => {
    const result = await session.client.callTool({ name: 'netsuite_update_record', arguments: { record_type: 'customer', id: '104', values: { email: 'nobody' } } });
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_validation', fields: [{ field: 'email' }] });
    expect(session.fake.records('customer').find((record) => record.id === '104')?.email).toBe('ap@customer104.example');
  });
});
