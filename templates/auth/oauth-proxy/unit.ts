import { optionalSecret, optionalSetting, type AuthUnit } from '../../../src/features/unit.js';
import { oauthCommon } from '../../layers/oauth-common/layer.js';

export default {
  id: 'oauth-proxy',
  label: 'Sign users in at the upstream (OAuth proxy)',
  hint: 'this server is the OAuth server MCP clients see; each user signs in at the upstream and tools act as them',
  folder: 'auth/oauth-proxy',
  verifiesTokens: true,
  signsUsersIn: true,
  layers: [oauthCommon],
  // The authorization server runs in production (not only in tests) and signs users in upstream.
  dependencies: ['oidc-provider', 'oauth4webapi'],
  envVars: [
    {
      ...optionalSetting('SIGN_IN_CLIENT_ID', "This server's client ID at the identity provider users sign in at (an authorization code client whose redirect URI is PUBLIC_URL + /oauth/upstream/callback).", 'mcp-server'),
      neededToSignIn: true,
    },
    { ...optionalSecret('SIGN_IN_CLIENT_SECRET', 'Secret of SIGN_IN_CLIENT_ID (not needed with SIGN_IN_CLIENT_AUTH_METHOD=none).'), neededToSignIn: true },
    optionalSetting('SIGN_IN_CLIENT_AUTH_METHOD', 'How the secret is sent to the token endpoint: client_secret_basic, client_secret_post, or none for a public client.', 'client_secret_basic'),
    optionalSetting('SIGN_IN_SCOPES', "Scopes every sign-in asks for besides those the upstream's tools need, comma- or space-separated; with OpenID Connect, offline_access lets the server refresh users' upstream tokens.", 'openid,profile,email,offline_access'),
    optionalSetting('SIGN_IN_TIMEOUT_MS', "Timeout of each call to the identity provider's discovery and token endpoints, in milliseconds.", '10000'),
    optionalSecret('AUTH_SIGNING_KEYS', 'Private JSON Web Key Set signing the access tokens this server issues; the first key signs, the others still verify (rotation). Required in production, the same on every replica.'),
    optionalSetting('AUTH_ACCESS_TOKEN_TTL_SECONDS', 'Lifetime of the access tokens this server issues, in seconds.', '300'),
    optionalSetting('AUTH_REFRESH_TOKEN_TTL_SECONDS', 'Lifetime of refresh tokens (and of the sign-in they carry), in seconds.', '1209600'),
    optionalSetting('AUTH_REFRESH_TOKEN_GRACE_SECONDS', 'How long a refresh token just exchanged still works, so a client refreshing twice at once is not signed out; 0 refuses any second use (and ends the grant, as reuse of a rotated token).', '30'),
    optionalSetting('AUTH_CLIENTS', 'Clients registered up front: a JSON array of client metadata (RFC 7591), each with its client_id.', '[{"client_id":"desktop","redirect_uris":["http://127.0.0.1/callback"],"token_endpoint_auth_method":"none"}]'),
    optionalSetting('AUTH_REGISTRATIONS_PER_HOUR', 'Dynamic client registrations accepted per client address per hour.', '20'),
    optionalSetting('AUTH_CLOCK_SKEW_SECONDS', "Tolerance, in seconds, when checking exp and nbf against this server's clock.", '30'),
    optionalSetting('AUTH_VERIFIED_TOKEN_CACHE_SECONDS', 'Longest time, in seconds, one successful verification of an access token is reused for the same token (never beyond its exp); 0 verifies every request in full.', '60'),
    optionalSetting('AUTH_SCOPES_SUPPORTED', 'Scopes clients may request and the metadata advertises. Default: every scope a tool declares.', 'mcp:tools'),
    optionalSetting('AUTH_ALLOWED_TENANTS', 'Comma-separated tenants whose users may sign in, as the identity provider names them (Entra directory IDs, Salesforce org IDs, NetSuite account IDs, OIDC_TENANT_CLAIM). Unset: any tenant.', 'acme,globex'),
    optionalSetting('AUTH_RESOURCE_NAME', 'Human-readable name of this server in its protected-resource metadata. Default: the package name.', 'Acme MCP server'),
  ],
  readme: [{ file: 'oauth-proxy.md' }],
} as const satisfies AuthUnit;
