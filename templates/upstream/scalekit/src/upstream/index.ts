import type { UpstreamDescriptor } from './types.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** Scalekit as the authorization server of the MCP server's callers. */
export const upstreamDescriptor: UpstreamDescriptor = { id: 'scalekit', displayName: 'Scalekit' };
