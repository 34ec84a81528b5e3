import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import type { Response } from 'express';

import type { SignedInApi } from './signed-in-api-shape.js';

/**
 * How the sign-in tests reach NetSuite as the signed-in user: the test upstream plays the account's
 * sign-in pages, token endpoint and record service at NetSuite's paths, issues JWT access tokens
 * naming the user, and answers each record with the user whose token read it.
 */
export const signedInApi: SignedInApi = {
  serverEnv: () => ({ NETSUITE_AUTH_FLOW: 'signed_in_user' }),
  itemRoute: '/services/rest/record/v1/:collection/:id',
  tokenResponseFields: () => ({}),
  oauthOnly: {
    authorizationPath: '/app/login/oauth2/authorize.nl',
    tokenPath: '/services/rest/auth/oauth2/v1/token',
    scopes: ['rest_webservices', 'restlets', 'suite_analytics'],
  },
  itemId: (n) => String(100 + n),
  readItem: (client: Client, id: string) => client.callTool({ name: 'netsuite_get_record', arguments: { record_type: 'customer', id } }) as Promise<CallToolResult>,
  itemOf: (result) => (result.structuredContent as { record?: Record<string, unknown> } | undefined)?.record,
  refuse(res: Response) {
    res
      .status(401)
      .type('application/vnd.oracle.resource+json; type=error')
      .json({
        type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2',
        title: 'Unauthorized',
        status: 401,
        'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }],
      });
  },
};
