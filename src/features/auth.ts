import type { AuthStrategy } from '../options/schema.js';
import { GATEWAY_AUTH_README, INTROSPECTION_AUTH_README, JWT_AUTH_README } from './readme-sections.js';
import { optionalSetting, type AuthFeature } from './types.js';

/** Settings every resource-server strategy reads (the templates' `resourceServerEnv`). */
const RESOURCE_SERVER_SETTINGS = [
  optionalSetting('AUTH_AUDIENCE', "Audience access tokens must carry. Default: the one the identity provider preset names (Entra: ENTRA_CLIENT_ID; Scalekit: SCALEKIT_RESOURCE_ID), else this server's canonical resource URL, PUBLIC_URL + /mcp (or the bound address + /mcp).", 'https://mcp.example.com/mcp'),
  optionalSetting('AUTH_CLOCK_SKEW_SECONDS', "Tolerance, in seconds, when checking exp and nbf against this server's clock.", '30'),
  optionalSetting('AUTH_ALLOWED_TENANTS', 'Comma-separated tenants whose tokens are accepted. Unset: any tenant.', 'acme,globex'),
  optionalSetting('AUTH_SCOPES_SUPPORTED', 'Scopes advertised in the protected-resource metadata and in 401 challenges. Default: every scope a tool declares.', 'mcp:tools'),
  optionalSetting('AUTH_RESOURCE_NAME', 'Human-readable name of this server in its protected-resource metadata. Default: the package name.', 'Acme MCP server'),
];

/** Settings of strategies that check JWT signatures themselves (the templates' `jwtVerificationEnv`). */
const JWT_VERIFICATION_SETTINGS = [
  optionalSetting('AUTH_ALGORITHMS', 'Comma-separated signature algorithms accepted (asymmetric only; HS* and none are refused).', 'RS256,PS256,ES256'),
  optionalSetting('AUTH_JWKS_COOLDOWN_SECONDS', "Least time between two downloads of the identity provider's signing keys (a token with an unknown key id triggers one).", '30'),
  optionalSetting('AUTH_JWKS_CACHE_MAX_AGE_SECONDS', 'How long downloaded signing keys are used before they are downloaded again.', '600'),
];

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
    overlays: ['layers/oauth-common', 'auth/jwt'],
    dependencies: ['jose'],
    devDependencies: ['@types/oidc-provider', 'oidc-provider'],
    envVars: [...RESOURCE_SERVER_SETTINGS, ...JWT_VERIFICATION_SETTINGS],
    readme: [{ title: 'Authentication: JWT access tokens (`jwt`)', body: JWT_AUTH_README }],
  },
  introspection: {
    displayName: 'Opaque tokens checked by introspection (RFC 7662)',
    overlays: ['layers/oauth-common', 'auth/introspection'],
    dependencies: ['jose'],
    devDependencies: ['@types/oidc-provider', 'oidc-provider'],
    envVars: [
      { name: 'AUTH_CLIENT_ID', description: 'This server\'s client at the identity provider, used to call its token introspection endpoint.', example: 'mcp-server', required: 'with-token-auth', secret: false },
      { name: 'AUTH_CLIENT_SECRET', description: 'Secret of AUTH_CLIENT_ID, sent with HTTP Basic authentication (client_secret_basic).', example: 'change-me', required: 'with-token-auth', secret: true },
      optionalSetting('AUTH_INTROSPECTION_ENDPOINT', 'Token introspection endpoint (RFC 7662). Default: introspection_endpoint of the identity provider\'s discovery document.', 'https://idp.example.com/oauth2/introspect'),
      optionalSetting('AUTH_INTROSPECTION_CACHE_SECONDS', 'Longest time, in seconds, an introspection answer is reused (never beyond the token\'s expiry); 0 asks the identity provider on every request. Revoked tokens stay accepted at most this long.', '60'),
      optionalSetting('AUTH_INTROSPECTION_TIMEOUT_MS', 'Timeout of one call to the introspection endpoint, in milliseconds.', '5000'),
      ...RESOURCE_SERVER_SETTINGS,
    ],
    readme: [{ title: 'Authentication: opaque tokens with introspection (`introspection`)', body: INTROSPECTION_AUTH_README }],
  },
  gateway: {
    displayName: 'Behind an API gateway (forwarded identity, proven)',
    overlays: ['layers/oauth-common', 'auth/gateway'],
    dependencies: ['jose'],
    devDependencies: ['@types/oidc-provider', 'oidc-provider'],
    envVars: [
      optionalSetting('GATEWAY_MODE', 'How the gateway proves the identity it forwards: jwt (it forwards a JWT, verified here against the identity provider\'s keys) or hmac (it signs each request with GATEWAY_HMAC_SECRET: method, path and query, x-forwarded-* identity headers, timestamp, nonce and Content-Digest of the body; recipe in the README).', 'jwt'),
      optionalSetting('GATEWAY_JWT_HEADER', 'In jwt mode, the header carrying the forwarded JWT: authorization (Bearer) or a header holding the bare token.', 'authorization'),
      optionalSetting('GATEWAY_JWT_ISSUER', 'In jwt mode, issuer of JWTs the gateway mints itself (exactly as in "iss"). Default: the identity provider\'s issuer.', 'https://apim.example.com'),
      optionalSetting('GATEWAY_JWKS_URI', 'In jwt mode, signing keys of GATEWAY_JWT_ISSUER. Default: jwks_uri of its discovery document (<issuer>/.well-known/openid-configuration).', 'https://apim.example.com/keys'),
      { name: 'GATEWAY_HMAC_SECRET', description: 'In hmac mode, the secret shared with the gateway that signs each request; at least 32 characters (openssl rand -base64 48). Required with GATEWAY_MODE=hmac.', example: 'change-me-to-a-long-random-secret-of-32-chars-or-more', required: false, secret: true },
      optionalSetting('GATEWAY_MAX_SKEW_SECONDS', 'In hmac mode, the largest accepted difference between x-forwarded-timestamp and this server\'s clock, in seconds; nonces (x-gateway-nonce) are remembered in the store that long after their timestamp, so a signed request is accepted once.', '60'),
      ...RESOURCE_SERVER_SETTINGS,
      ...JWT_VERIFICATION_SETTINGS,
    ],
    readme: [{ title: 'Authentication: behind an API gateway (`gateway`)', body: GATEWAY_AUTH_README }],
  },
} as const satisfies Record<AuthStrategy, AuthFeature>;
