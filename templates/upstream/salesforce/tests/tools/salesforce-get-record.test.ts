import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSalesforce, type FakeSalesforce } from '../helpers/fake-salesforce.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';

describe.each(ERAS)('salesforce_get_record over the %s protocol era', (era) => {
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

  it('returns the fields asked for', async () => {
    const id = fake.data.seed('Account', { Name: 'Acme', Industry: 'Banking' });
    const result = await connection.client.callTool({ name: 'salesforce_get_record', arguments: { sobject: 'Account', id, fields: ['Name', 'Industry'] } });
    expect(result.structuredContent).toEqual({ sobject: 'Account', id, record: { Name: 'Acme', Industry: 'Banking' } });
  });

  it('answers a missing record with upstream_not_found', async () => {
    const result = await connection.client.callTool({ name: 'salesforce_get_record', arguments: { sobject: 'Account', id: '001000000000999AAA' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: 'upstream_not_found', upstream: 'Salesforce', status: 404, upstreamCode: 'NOT_FOUND' } });
  });

  it('refuses an ID of the wrong shape without calling Salesforce', async () => {
    const result = await connection.client.callTool({ name: 'salesforce_get_record', arguments: { sobject: 'Account', id: '../../sobjects' } });
    expect(result.isError).toBe(true);
    expect(fake.requests).toEqual([]);
  });
});
