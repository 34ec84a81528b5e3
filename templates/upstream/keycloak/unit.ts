import { optionalSetting, type RestApiTokens, type UpstreamUnit } from '../../../src/features/unit.js';
import { restApi, restApiSettings } from '../../layers/rest-api/layer.js';

/** The realm's token endpoint, derived from KEYCLOAK_URL and KEYCLOAK_REALM; it also exchanges callers' tokens. */
const restApiTokens = {
  clientAuthMethod: 'client_secret_basic',
  tokenExchange: true,
  testIdp: {
    location: { setting: 'KEYCLOAK_URL', path: '' },
    settings: { KEYCLOAK_REALM: 'test-realm' },
    tokenPath: '/realms/test-realm/protocol/openid-connect/token',
  },
} as const satisfies RestApiTokens;

export default {
  id: 'keycloak',
  label: 'Keycloak',
  hint: 'one Keycloak realm issues the tokens',
  folder: 'upstream/keycloak',
  layers: [restApi],
  authStrategies: ['jwt', 'introspection', 'oauth-proxy', 'gateway', 'none'],
  settings: {},
  restApi: restApiTokens,
  localKeycloak: { KEYCLOAK_URL: 'http://keycloak.localhost:8180', KEYCLOAK_REALM: 'mcp' },
  envVars: [
    {
      name: 'KEYCLOAK_URL',
      description: 'Base URL of the Keycloak server, without /realms/...',
      example: 'https://sso.example.com',
      required: 'with-token-auth',
      secret: false,
      // The REST API's token endpoint is derived from it.
      neededByUpstreamTools: true,
    },
    {
      name: 'KEYCLOAK_REALM',
      description: 'Realm that issues the access tokens; the issuer is <KEYCLOAK_URL>/realms/<KEYCLOAK_REALM>.',
      example: 'acme',
      required: 'with-token-auth',
      secret: false,
      // The REST API's token endpoint is derived from it.
      neededByUpstreamTools: true,
    },
    {
      name: 'KEYCLOAK_CLIENT_ID',
      description: "This server's client in the realm; its client roles (resource_access.<client>.roles) count as roles.",
      example: 'mcp-server',
      required: 'with-token-auth',
      secret: false,
    },
    ...restApiSettings(restApiTokens, {
      auth: {
        ...optionalSetting('UPSTREAM_API_AUTH', "How the server authenticates to the REST API: client_credentials (this server's own token from the realm), token_exchange (a token per caller, exchanged for the caller's access token; needs jwt or introspection auth), signed_in_user (the caller's own token from signing in through this server; oauth-proxy only), api_key or none.", 'client_credentials'),
        whenUsersSignIn: { example: 'signed_in_user' },
      },
      tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', "Token endpoint for the REST API's tokens. Default: <KEYCLOAK_URL>/realms/<KEYCLOAK_REALM>/protocol/openid-connect/token.", 'https://sso.example.com/realms/acme/protocol/openid-connect/token'),
      clientId: optionalSetting('UPSTREAM_CLIENT_ID', "This server's confidential client in the realm (service accounts for client_credentials, standard token exchange for token_exchange).", 'mcp-server'),
      scope: optionalSetting('UPSTREAM_SCOPE', "Space-separated scopes requested for the REST API's tokens.", 'orders:read'),
      audience: optionalSetting('UPSTREAM_AUDIENCE', 'Client ID of the REST API in the realm: the audience of exchanged tokens (required for token_exchange).', 'orders-api'),
    }),
  ],
  readme: [{ file: 'rest-api-tokens.md' }, { file: 'keycloak.md', withTokenAuthOnly: true }],
} as const satisfies UpstreamUnit;
