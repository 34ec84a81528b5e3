import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSalesforce, type FakeSalesforce } from '../helpers/fake-salesforce.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';

describe.each(ERAS)('salesforce_delete_record over the %s protocol era', (era) => {
  let fake: FakeSalesforce;
  let connection: InProcessConnection;
  beforeEach(async () => {
    fake = await startFakeSalesforce();
    connection = await connectInProcess(era, { env: fake.serverEnv });
  });
  afterEach(async () => {
    await connection.close();
    await fake.close();
  });

  it('deletes the record', async () => {
    const id = fake.data.seed('Contact', { LastName: 'Lovelace' });
    const result = await connection.client.callTool({ name: 'salesforce_delete_record', arguments: { sobject: 'Contact', id } });
    expect(result.structuredContent).toEqual({ sobject: 'Contact', id, deleted: true });
    expect(fake.data.find('Contact', id)).toBe('deleted');
  });

  it('answers a record deleted before with upstream_not_found', async () => {
    const id = fake.data.seed('Contact', { LastName: 'Lovelace' });
    await connection.client.callTool({ name: 'salesforce_delete_record', arguments: { sobject: 'Contact', id } });
    const again = await connection.client.callTool({ name: 'salesforce_delete_record', arguments: { sobject: 'Contact', id } });
    expect(again.structuredContent).toMatchObject({ error: { code: 'upstream_not_found', upstreamCode: 'ENTITY_IS_DELETED' } });
  });
});
