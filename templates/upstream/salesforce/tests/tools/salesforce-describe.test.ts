import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSalesforce, type FakeSalesforce } from '../helpers/fake-salesforce.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';

describe.each(ERAS)('salesforce_describe over the %s protocol era', (era) => {
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

  it('lists the objects whose name or label contains the filter', async () => {
    const result = await connection.client.callTool({ name: 'salesforce_describe', arguments: { filter: 'cont' } });
    expect(result.structuredContent).toEqual({ objects: [expect.objectContaining({ name: 'Contact' })] });
  });

  it('describes one object\'s fields and relationships', async () => {
    const result = await connection.client.callTool({ name: 'salesforce_describe', arguments: { sobject: 'Contact' } });
    expect(result.structuredContent).toMatchObject({
      object: {
        name: 'Contact',
        keyPrefix: '003',
        fields: expect.arrayContaining([
          expect.objectContaining({ name: 'LastName', required: true }),
          expect.objectContaining({ name: 'AccountId', referenceTo: ['Account'], relationshipName: 'Account' }),
        ]),
      },
    });
  });
});
