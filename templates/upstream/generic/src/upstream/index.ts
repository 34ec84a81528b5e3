import type { UpstreamDescriptor } from './types.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** Any OIDC identity provider plus any REST API: the neutral starting point. */
export const upstreamDescriptor: UpstreamDescriptor = { id: 'generic', displayName: 'Generic OIDC / REST API' };
