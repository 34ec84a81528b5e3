import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeNetSuite, type FakeNetSuite } from '../helpers/fake-netsuite.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';

describe.each(ERAS)('netsuite_update_record over the %s protocol era', (era) => {
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

  it('changes the given fields and says which', async () => {
    const result = await connection.client.callTool({
      name: 'netsuite_update_record',
      arguments: { record_type: 'customer', id: '104', values: { email: 'billing@customer104.example', isInactive: true } },
    });
    expect(result.structuredContent).toEqual({ recordType: 'customer', id: '104', updatedFields: ['email', 'isInactive'] });
    expect(fake.records('customer').find((record) => record.id === '104')).toMatchObject({
      companyName: 'Customer 104',
      email: 'billing@customer104.example',
      isInactive: true,
    });
  });

  it('leaves the record as it was when NetSuite refuses a value', async () => {
    const result = await connection.client.callTool({ name: 'netsuite_update_record', arguments: { record_type: 'customer', id: '104', values: { email: 'nobody' } } });
    expect(result.structuredContent).toMatchObject({ error: { code: 'upstream_validation', fields: [{ field: 'email' }] } });
    expect(fake.records('customer').find((record) => record.id === '104')?.email).toBe('ap@customer104.example');
  });
});
