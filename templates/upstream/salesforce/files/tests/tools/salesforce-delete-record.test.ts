import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeSalesforce } from '../helpers/salesforce-session.js';
import { toolErrorOf } from '../helpers/tool-results.js';

describe.each(ERAS)('salesforce_delete_record over the %s protocol era', (era) => {
  const session = withFakeSalesforce(era);

  it('deletes the record', async () => {
    const id = session.fake.data.seed('Contact', { LastName: 'Lovelace' });
    const result = await session.client.callTool({ name: 'salesforce_delete_record', arguments: { sobject: 'Contact', id } });
    expect(result.structuredContent).toEqual({ sobject: 'Contact', id, deleted: true });
    expect(session.fake.data.find('Contact', id)).toBe('deleted');
  });

  it('answers a record deleted before with upstream_not_found', async () => {
    const id = session.fake.data.seed('Contact', { LastName: 'Lovelace' });
    await session.client.callTool({ name: 'salesforce_delete_record', arguments: { sobject: 'Contact', id } });
    const again = await session.client.callTool({ name: 'salesforce_delete_record', arguments: { sobject: 'Contact', id } });
    expect(toolErrorOf(again)).toMatchObject({ code: 'upstream_not_found', upstreamCode: 'ENTITY_IS_DELETED' });
  });
});
