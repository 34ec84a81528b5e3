import { afterEach, describe, expect, it } from 'vitest';

import { connectInProcess, type InProcessConnection } from '../helpers/in-process-client.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe('the NetSuite tools, acting as the signed-in user', () => {
  let connection: InProcessConnection | undefined;
  afterEach(async () => {
    await connection?.close();
  });

  it('tell a caller who did not sign in through this server (a stdio client) to sign in, or which setting to change', async () => {
    connection = await connectInProcess('modern', { env: { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_AUTH_FLOW: 'signed_in_user' } });
    const result = await connection.client.callTool({ name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '101' } });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'sign_in_required' });
  });
});
