import { neededByUpstreamTools, optionalSetting, type RestApiTokens, type UpstreamUnit } from '../../../src/features/unit.js';
import { entraSignIn } from '../../layers/entra-sign-in/layer.js';
import { restApi, restApiSettings } from '../../layers/rest-api/layer.js';

/** App-only tokens at <authority>/<tenant>/oauth2/v2.0/token, for <Application ID URI>/.default; the secret goes in the body. */
const restApiTokens = {
  clientAuthMethod: 'client_secret_post',
  tokenExchange: false,
  testIdp: {
    location: { setting: 'ENTRA_AUTHORITY_HOST', path: '' },
    settings: { ENTRA_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', UPSTREAM_SCOPE: 'api://orders-api/.default' },
    tokenPath: '/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
  },
} as const satisfies RestApiTokens;

export default {
  id: 'entra',
  label: 'Microsoft Entra ID',
  hint: 'an Entra app registration; single- or multi-tenant',
  folder: 'upstream/entra',
  layers: [restApi, entraSignIn],
  // Entra has no token introspection endpoint: its access tokens are JWTs, verified locally.
  authStrategies: ['jwt', 'oauth-proxy', 'gateway', 'none'],
  settings: {},
  restApi: restApiTokens,
  envVars: [
    {
      name: 'ENTRA_TENANT_ID',
      description: 'Directory (tenant) ID, or organizations for a multi-tenant app (then AUTH_ALLOWED_TENANTS is required).',
      example: '00000000-0000-0000-0000-000000000000',
      required: 'with-token-auth',
      secret: false,
      // The REST API's token endpoint is derived from it.
      neededByUpstreamTools: true,
    },
    {
      name: 'ENTRA_CLIENT_ID',
      description: "Application (client) ID of this server's app registration; v2 access tokens carry it as audience.",
      example: '00000000-0000-0000-0000-000000000000',
      required: 'with-token-auth',
      secret: false,
    },
    optionalSetting('ENTRA_AUTHORITY_HOST', 'Sign-in host; change it for a national cloud (e.g. https://login.microsoftonline.us).', 'https://login.microsoftonline.com'),
    optionalSetting('ENTRA_APP_ID_URI', 'Application ID URI from "Expose an API"; clients request scopes as <URI>/<scope>. Default: api://<ENTRA_CLIENT_ID>.', 'api://00000000-0000-0000-0000-000000000000'),
    ...restApiSettings(restApiTokens, {
      auth: {
        ...optionalSetting(
          'UPSTREAM_API_AUTH',
          "How the server authenticates to the REST API: client_credentials (an app-only token from the tenant), signed_in_user (the caller's own token from signing in through this server; oauth-proxy only), api_key or none.",
          'client_credentials',
        ),
        whenUsersSignIn: { example: 'signed_in_user' },
      },
      tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', "Token endpoint for the REST API's tokens. Default: <ENTRA_AUTHORITY_HOST>/<ENTRA_TENANT_ID>/oauth2/v2.0/token; required when ENTRA_TENANT_ID is organizations or common.", 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token'),
      clientId: optionalSetting('UPSTREAM_CLIENT_ID', "Application (client) ID of the app registration that holds the client secret and the REST API's application permission.", '00000000-0000-0000-0000-000000000000'),
      scope: {
        ...neededByUpstreamTools(
          optionalSetting(
            'UPSTREAM_SCOPE',
            "The REST API's Application ID URI followed by /.default (required for client_credentials), or, for signed_in_user, the API's delegated scopes users sign in with.",
            'api://00000000-0000-0000-0000-000000000000/.default',
          ),
        ),
        whenUsersSignIn: { example: 'api://00000000-0000-0000-0000-000000000000/Orders.Read' },
      },
    }),
  ],
  readme: [{ file: 'rest-api-tokens.md' }, { file: 'entra.md', withTokenAuthOnly: true }, { file: 'entra-sign-in.md', whenUsersSignIn: true }],
} as const satisfies UpstreamUnit;
