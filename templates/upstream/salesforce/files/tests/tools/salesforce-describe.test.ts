import { describe, expect, it } from 'vitest';

import { ERAS } from '../helpers/in-process-client.js';
import { withFakeSalesforce } from '../helpers/salesforce-session.js';

describe.each(ERAS)('salesforce_describe over the %s protocol era', (era) => {
  const session = withFakeSalesforce(era);

  it('lists the objects whose name or label contains the filter', async () => {
    const result = await session.client.callTool({ name: 'salesforce_describe', arguments: { filter: 'cont' } });
    expect(result.structuredContent).toEqual({ objects: [expect.objectContaining({ name: 'Contact' })] });
  });

  it('describes one object\'s fields and relationships', async () => {
    const result = await session.client.callTool({ name: 'salesforce_describe', arguments: { sobject: 'Contact' } });
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
