import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSalesforce, type FakeSalesforce } from '../helpers/fake-salesforce.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';

describe.each(ERAS)('salesforce_update_record over the %s protocol era', (era) => {
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

  it('sets the given fields and leaves the others', async () => {
    const id = fake.data.seed('Account', { Name: 'Acme', Industry: 'Banking' });
    const result = await connection.client.callTool({ name: 'salesforce_update_record', arguments: { sobject: 'Account', id, fields: { Industry: 'Retail' } } });
    expect(result.structuredContent).toEqual({ sobject: 'Account', id, updated: ['Industry'] });
    expect(fake.data.find('Account', id)).toMatchObject({ values: { Name: 'Acme', Industry: 'Retail' } });
  });

  it('answers a broken validation rule with upstream_validation', async () => {
    const id = fake.data.seed('Account', { Name: 'Acme' });
    const result = await connection.client.callTool({ name: 'salesforce_update_record', arguments: { sobject: 'Account', id, fields: { AnnualRevenue: -5 } } });
    expect(result.structuredContent).toMatchObject({ error: { code: 'upstream_validation', fields: [{ field: 'AnnualRevenue' }] } });
  });
});
