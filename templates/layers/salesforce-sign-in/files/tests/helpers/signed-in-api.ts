import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import type { Response } from 'express';

import type { SignedInApi } from './signed-in-api-shape.js';

/**
 * How the sign-in tests reach Salesforce as the signed-in user: the test upstream plays the org's
 * instance too, names itself as such in every token response (`instance_url`, as Salesforce does),
 * and answers each record with the user whose session read it.
 */
export const signedInApi: SignedInApi = {
  serverEnv: () => ({ SALESFORCE_AUTH_FLOW: 'signed_in_user' }),
  itemRoute: '/services/data/:version/sobjects/:collection/:id',
  tokenResponseFields: (origin) => ({ instance_url: origin }),
  // Account IDs: key prefix 001, 18 characters.
  itemId: (n) => `001${String(n).padStart(12, '0')}AAA`,
  readItem: (client: Client, id: string) => client.callTool({ name: 'salesforce_get_record', arguments: { sobject: 'Account', id } }) as Promise<CallToolResult>,
  itemOf: (result) => (result.structuredContent as { record?: Record<string, unknown> } | undefined)?.record,
  refuse(res: Response) {
    res.status(401).json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  },
};
