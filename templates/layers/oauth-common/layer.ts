import { optionalSetting, type Layer } from '../../../src/features/unit.js';

/** Settings every resource-server strategy reads (the templates' `resourceServerEnv`). */
export const RESOURCE_SERVER_SETTINGS = [
  optionalSetting('AUTH_AUDIENCE', "Audience access tokens must carry. Default: the one the identity provider preset names (Entra: ENTRA_CLIENT_ID; Scalekit: SCALEKIT_RESOURCE_ID), else this server's canonical resource URL, PUBLIC_URL + /mcp (or the bound address + /mcp).", 'https://mcp.example.com/mcp'),
  optionalSetting('AUTH_CLOCK_SKEW_SECONDS', "Tolerance, in seconds, when checking exp and nbf against this server's clock.", '30'),
  optionalSetting('AUTH_ALLOWED_TENANTS', 'Comma-separated tenants whose tokens are accepted. Unset: any tenant.', 'acme,globex'),
  optionalSetting('AUTH_SCOPES_SUPPORTED', 'Scopes advertised in the protected-resource metadata and in 401 challenges. Default: every scope a tool declares.', 'mcp:tools'),
  optionalSetting('AUTH_RESOURCE_NAME', 'Human-readable name of this server in its protected-resource metadata. Default: the package name.', 'Acme MCP server'),
];

/** Settings of strategies that check JWT signatures themselves (the templates' `jwtVerificationEnv`). */
export const JWT_VERIFICATION_SETTINGS = [
  optionalSetting('AUTH_ALGORITHMS', 'Comma-separated signature algorithms accepted (asymmetric only; HS* and none are refused).', 'RS256,PS256,ES256'),
  optionalSetting('AUTH_JWKS_COOLDOWN_SECONDS', "Least time between two downloads of the identity provider's signing keys (a token with an unknown key id triggers one).", '30'),
  optionalSetting('AUTH_JWKS_CACHE_MAX_AGE_SECONDS', 'How long downloaded signing keys are used before they are downloaded again.', '600'),
  optionalSetting('AUTH_VERIFIED_TOKEN_CACHE_SECONDS', "Longest time, in seconds, a successful verification of an access token is reused when the same token comes again (never beyond its exp; exp and nbf are still checked on every request); 0 verifies every request in full. A token verified before its signing key was withdrawn stays accepted at most this long after the server's copy of the keys loses that key.", '60'),
];

/** What every strategy that verifies OAuth access tokens shares: discovery, challenges, protected-resource metadata. */
export const oauthCommon = {
  folder: 'layers/oauth-common',
  dependencies: ['jose'],
  // Their tests run a real authorization server in-process.
  devDependencies: ['@types/oidc-provider', 'oidc-provider'],
} as const satisfies Layer;
