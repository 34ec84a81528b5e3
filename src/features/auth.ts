import type { AuthStrategy } from '../options/schema.js';
import { JWT_AUTH_README } from './readme-sections.js';
import { optionalSetting, type AuthFeature } from './types.js';

export const authFeatures = {
  none: {
    displayName: 'No authentication (local development)',
    overlays: ['auth/none'],
    dependencies: [],
    devDependencies: [],
    envVars: [
      {
        name: 'ALLOW_UNAUTHENTICATED_REMOTE',
        description: 'With no authentication, allow HTTP on a non-loopback HOST. Anyone who can reach the port can use every tool: trusted networks only.',
        example: 'false',
        required: false,
        secret: false,
      },
    ],
    readme: [
      {
        title: 'Authentication',
        body: 'This server has no authentication: anyone who can reach it can call its tools. Over HTTP it therefore refuses to bind anything but a loopback interface unless `ALLOW_UNAUTHENTICATED_REMOTE=true` is set. Use it over stdio or on your own machine.',
      },
    ],
  },
  jwt: {
    displayName: 'JWT access tokens (OAuth resource server)',
    overlays: ['auth/jwt'],
    dependencies: ['jose'],
    devDependencies: ['@types/oidc-provider', 'oidc-provider'],
    envVars: [
      optionalSetting('AUTH_AUDIENCE', "Audience access tokens must carry. Default: this server's canonical resource URL, PUBLIC_URL + /mcp (or the bound address + /mcp).", 'https://mcp.example.com/mcp'),
      optionalSetting('AUTH_ALGORITHMS', 'Comma-separated signature algorithms accepted (asymmetric only; HS* and none are refused).', 'RS256,PS256,ES256'),
      optionalSetting('AUTH_CLOCK_SKEW_SECONDS', "Tolerance, in seconds, when checking exp and nbf against this server's clock.", '30'),
      optionalSetting('AUTH_JWKS_COOLDOWN_SECONDS', "Least time between two downloads of the identity provider's signing keys (a token with an unknown key id triggers one).", '30'),
      optionalSetting('AUTH_JWKS_CACHE_MAX_AGE_SECONDS', 'How long downloaded signing keys are used before they are downloaded again.', '600'),
      optionalSetting('AUTH_ALLOWED_TENANTS', 'Comma-separated tenants whose tokens are accepted. Unset: any tenant.', 'acme,globex'),
      optionalSetting('AUTH_SCOPES_SUPPORTED', 'Scopes advertised in the protected-resource metadata and in 401 challenges. Default: every scope a tool declares.', 'mcp:tools'),
      optionalSetting('AUTH_RESOURCE_NAME', 'Human-readable name of this server in its protected-resource metadata. Default: the package name.', 'Acme MCP server'),
    ],
    readme: [{ title: 'Authentication: JWT access tokens (`jwt`)', body: JWT_AUTH_README }],
  },
} as const satisfies Record<AuthStrategy, AuthFeature>;
