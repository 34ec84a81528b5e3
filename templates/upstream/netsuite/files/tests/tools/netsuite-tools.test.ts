import { afterEach, describe, expect, it } from 'vitest';

import { connectInProcess, type InProcessConnection } from '../helpers/in-process-client.js';

describe('the NetSuite tools as clients see them', () => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('are listed with hints that tell reads from changes', async () => {
    connection = await connectInProcess('modern');
    const { tools } = await connection.client.listTools();
    const hints = Object.fromEntries(
      tools.filter((tool) => tool.name.startsWith('netsuite_')).map((tool) => [tool.name, { readOnly: tool.annotations?.readOnlyHint, destructive: tool.annotations?.destructiveHint }]),
    );
    expect(hints).toEqual({
      netsuite_create_record: { readOnly: false, destructive: false },
      netsuite_delete_record: { readOnly: false, destructive: true },
      netsuite_get_record: { readOnly: true, destructive: undefined },
      netsuite_suiteql: { readOnly: true, destructive: undefined },
      netsuite_update_record: { readOnly: false, destructive: true },
    });
  });

  it('declare the shape of their results', async () => {
    connection = await connectInProcess('legacy');
    const { tools } = await connection.client.listTools();
    for (const tool of tools.filter((candidate) => candidate.name.startsWith('netsuite_'))) {
      expect(tool.outputSchema, tool.name).toBeDefined();
    }
  });
});
