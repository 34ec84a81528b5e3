import { afterEach, describe, expect, it } from 'vitest';

import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
import { outputSchemaViolation, toolErrorOf } from '../helpers/tool-results.js';

const CALLS = [
  { name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '1' } },
  { name: 'netsuite_create_record', arguments: { record_type: 'customer', values: { companyName: 'Acme' } } },
  { name: 'netsuite_update_record', arguments: { record_type: 'customer', id: '1', values: { companyName: 'Acme' } } },
  { name: 'netsuite_delete_record', arguments: { record_type: 'customer', id: '1' } },
  { name: 'netsuite_suiteql', arguments: { query: 'SELECT id FROM customer' } },
];

describe.each(ERAS)('NetSuite tools without NetSuite settings, over the %s protocol era', (era) => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it.each(CALLS)('$name answers upstream_not_configured, naming what is missing', async (call) => {
    connection = await connectInProcess(era, { env: { NETSUITE_AUTH_FLOW: 'client_credentials' } });
    const result = await connection.client.callTool(call);
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({
      code: 'upstream_not_configured',
      upstream: 'NetSuite',
      problems: expect.arrayContaining([
        expect.stringMatching(/^NETSUITE_CLIENT_ID: /),
        expect.stringMatching(/^NETSUITE_CERTIFICATE_ID: /),
        expect.stringMatching(/^NETSUITE_PRIVATE_KEY: /),
      ]),
    });
    expect(result.content).toEqual([{ type: 'text', text: expect.stringMatching(/^NetSuite is not configured yet: .*NETSUITE_CLIENT_ID/) }]);
  });

  it.each(CALLS)('$name answers within the output schema it advertises', async (call) => {
    connection = await connectInProcess(era);
    const tool = (await connection.client.listTools()).tools.find((candidate) => candidate.name === call.name);
    expect(tool?.outputSchema).toBeDefined();
    const result = await connection.client.callTool(call);
    expect(result.isError).toBe(true);
    expect(outputSchemaViolation(tool!, result)).toBeUndefined();
  });
});
