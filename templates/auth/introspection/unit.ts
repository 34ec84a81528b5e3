import { optionalSetting, type AuthUnit } from '../../../src/features/unit.js';
import { oauthCommon, RESOURCE_SERVER_SETTINGS } from '../../layers/oauth-common/layer.js';

export default {
  id: 'introspection',
  label: 'Opaque tokens checked by introspection (RFC 7662)',
  hint: 'opaque tokens checked with the identity provider (RFC 7662), cached',
  folder: 'auth/introspection',
  verifiesTokens: true,
  layers: [oauthCommon],
  envVars: [
    { name: 'AUTH_CLIENT_ID', description: "This server's client at the identity provider, used to call its token introspection endpoint.", example: 'mcp-server', required: 'with-token-auth', secret: false },
    { name: 'AUTH_CLIENT_SECRET', description: 'Secret of AUTH_CLIENT_ID, sent with HTTP Basic authentication (client_secret_basic).', example: 'change-me', required: 'with-token-auth', secret: true },
    optionalSetting('AUTH_INTROSPECTION_ENDPOINT', "Token introspection endpoint (RFC 7662). Default: introspection_endpoint of the identity provider's discovery document.", 'https://idp.example.com/oauth2/introspect'),
    optionalSetting('AUTH_INTROSPECTION_CACHE_SECONDS', "Longest time, in seconds, an introspection answer is reused (never beyond the token's expiry); 0 asks the identity provider on every request. Revoked tokens stay accepted at most this long.", '60'),
    optionalSetting('AUTH_INTROSPECTION_TIMEOUT_MS', 'Timeout of one call to the introspection endpoint, in milliseconds.', '5000'),
    ...RESOURCE_SERVER_SETTINGS,
  ],
  readme: [{ file: 'introspection.md' }],
} as const satisfies AuthUnit;
