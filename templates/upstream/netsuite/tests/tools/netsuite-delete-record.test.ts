import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeNetSuite, type FakeNetSuite } from '../helpers/fake-netsuite.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';

describe.each(ERAS)('netsuite_delete_record over the %s protocol era', (era) => {
  let fake: FakeNetSuite;
  let connection: InProcessConnection;

  beforeEach(async () => {
    fake = await startFakeNetSuite();
    connection = await connectInProcess(era, { env: fake.serverEnv });
  });

  afterEach(async () => {
    await connection.close();
    await fake.close();
  });

  it('deletes the record', async () => {
    const result = await connection.client.callTool({ name: 'netsuite_delete_record', arguments: { record_type: 'customer', id: '105' } });
    expect(result.structuredContent).toEqual({ recordType: 'customer', id: '105', deleted: true });
    expect(fake.records('customer').map((record) => record.id)).not.toContain('105');
  });

  it('answers upstream_permission when the integration role may not delete such records', async () => {
    fake.denyRecordType('employee');
    const result = await connection.client.callTool({ name: 'netsuite_delete_record', arguments: { record_type: 'employee', id: '7' } });
    expect(result.structuredContent).toMatchObject({ error: { code: 'upstream_permission', status: 403 } });
    expect(fake.records('employee').map((record) => record.id)).toContain('7');
  });
});
