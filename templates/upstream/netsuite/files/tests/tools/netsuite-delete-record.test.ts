import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeNetSuite } from '../helpers/netsuite-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('netsuite_delete_record over the %s protocol era', (era) => {
  const session = withFakeNetSuite(era);

  it('deletes the record', async () => {
    const result = await session.client.callTool({ name: 'netsuite_delete_record', arguments: { record_type: 'customer', id: '105' } });
    expect(result.structuredContent).toEqual({ recordType: 'customer', id: '105', deleted: true });
    expect(session.fake.records('customer').map((record) => record.id)).not.toContain('105');
  });

  it('answers upstream_permission when the integration role may not delete such records', async () => {
    session.fake.denyRecordType('employee');
    const result = await session.client.callTool({ name: 'netsuite_delete_record', arguments: { record_type: 'employee', id: '7' } });
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_permission', status: 403 });
    expect(session.fake.records('employee').map((record) => record.id)).toContain('7');
  });
});
