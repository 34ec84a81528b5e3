import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import type { Response } from 'express';

import type { SignedInApi } from './signed-in-api-shape.js';

/**
 * How the sign-in tests reach this preset's API as the signed-in user: the REST API behind the api_*
 * tools, played by the test upstream, which answers each item with the user whose token read it.
 */
export const signedInApi: SignedInApi = {
  // The API's scope is what the sign-in asks for, where the identity provider issues a user's token per API (Entra).
  serverEnv: (upstream) => ({ UPSTREAM_API_URL: upstream.restApiUrl, UPSTREAM_API_AUTH: 'signed_in_user', UPSTREAM_SCOPE: 'orders.read' }),
  itemRoute: '/api/:collection/:id',
  tokenResponseFields: () => ({}),
  itemId: (n) => String(n),
  readItem: (client: Client, id: string) => client.callTool({ name: 'api_get_item', arguments: { collection: 'orders', id } }) as Promise<CallToolResult>,
  itemOf: (result) => (result.structuredContent as { item?: Record<string, unknown> } | undefined)?.item,
  refuse(res: Response) {
    res.status(401).set('www-authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
  },
};
