import type { UpstreamDescriptor } from './types.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** Keycloak as the identity provider of the MCP server's callers. */
export const upstreamDescriptor: UpstreamDescriptor = { id: 'keycloak', displayName: 'Keycloak' };
