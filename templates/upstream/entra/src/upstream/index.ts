import type { UpstreamDescriptor } from './types.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** Microsoft Entra ID as the identity provider of the MCP server's callers. */
export const upstreamDescriptor: UpstreamDescriptor = { id: 'entra', displayName: 'Microsoft Entra ID' };
