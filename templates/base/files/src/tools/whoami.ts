import { z } from 'zod';

import { upstreamSessionOf } from '../auth/upstream-session.js';
import { defineTool } from '../mcp/define-tool.js';

/**
 * Shows the caller what the server knows about it, straight from the identity the auth strategy
 * verified: a quick way to check claim mapping (roles, tenant, scopes) against a real token.
 */
export default defineTool({
  name: 'whoami',
  title: 'Who am I',
  description:
    'Returns the identity this server established for the caller: subject, OAuth client, tenant, ' +
    'granted scopes and roles, and, when the caller signed in at the upstream through this server, who they are there. ' +
    'Use it to check what access the current credentials carry.',
  input: z.object({}),
  output: z.object({
    subject: z.string(),
    clientId: z.string().optional(),
    tenant: z.string().optional(),
    scopes: z.array(z.string()),
    roles: z.array(z.string()),
    /** The user at the upstream (subject, name, email), for callers who signed in there through this server. */
    upstream: z.record(z.string(), z.unknown()).optional(),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(_input, { identity }) {
    const upstream = upstreamSessionOf(identity);
    return {
      subject: identity.subject,
      ...(identity.clientId !== undefined && { clientId: identity.clientId }),
      ...(identity.tenant !== undefined && { tenant: identity.tenant }),
      scopes: [...identity.scopes],
      roles: [...identity.roles],
      ...(upstream !== undefined && { upstream: { ...(await upstream.upstreamIdentity()) } }),
    };
  },
});
