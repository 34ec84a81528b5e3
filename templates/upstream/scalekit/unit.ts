import { optionalSetting, type RestApiTokens, type UpstreamUnit } from '../../../src/features/unit.js';
import { restApi, restApiSettings } from '../../layers/rest-api/layer.js';

/** API clients' tokens at <environment>/oauth/token; the secret goes in the body. */
const restApiTokens = {
  clientAuthMethod: 'client_secret_post',
  tokenExchange: false,
  testIdp: { location: { setting: 'SCALEKIT_ENVIRONMENT_URL', path: '/scalekit-env' }, settings: {}, tokenPath: '/scalekit-env/oauth/token' },
} as const satisfies RestApiTokens;

export default {
  id: 'scalekit',
  label: 'Scalekit',
  hint: 'Scalekit MCP auth: sign-in, DCR and CIMD for MCP clients',
  folder: 'upstream/scalekit',
  layers: [restApi],
  // Scalekit issues JWT access tokens for MCP servers and publishes no introspection endpoint for them.
  authStrategies: ['jwt', 'gateway', 'none'],
  settings: {},
  restApi: restApiTokens,
  envVars: [
    {
      name: 'SCALEKIT_ENVIRONMENT_URL',
      description: 'Environment URL from the Scalekit dashboard (Settings, API credentials); the issuer of the tokens.',
      example: 'https://acme.scalekit.com',
      required: 'with-token-auth',
      secret: false,
      // The REST API's token endpoint is derived from it.
      neededByUpstreamTools: true,
    },
    {
      name: 'SCALEKIT_RESOURCE_ID',
      description: 'ID Scalekit gave this MCP server when it was registered; tokens carry it as audience.',
      example: 'res_1234567890',
      required: 'with-token-auth',
      secret: false,
    },
    optionalSetting('SCALEKIT_JWKS_URL', 'Signing keys of the environment. Default: <SCALEKIT_ENVIRONMENT_URL>/keys.', 'https://acme.scalekit.com/keys'),
    ...restApiSettings(restApiTokens, {
      auth: optionalSetting('UPSTREAM_API_AUTH', 'How the server authenticates to the REST API: client_credentials (a token of a Scalekit API client), api_key or none.', 'client_credentials'),
      tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', "Token endpoint for the REST API's tokens. Default: <SCALEKIT_ENVIRONMENT_URL>/oauth/token.", 'https://acme.scalekit.com/oauth/token'),
      clientId: optionalSetting('UPSTREAM_CLIENT_ID', 'Client ID of the Scalekit API client (machine-to-machine client) registered for the organization.', 'your-api-client-id'),
      scope: optionalSetting('UPSTREAM_SCOPE', 'Space-separated scopes requested; unset asks for the scopes the API client holds.', 'orders:read'),
    }),
  ],
  readme: [{ file: 'rest-api-tokens.md' }, { file: 'scalekit.md', withTokenAuthOnly: true }],
} as const satisfies UpstreamUnit;
