import { optionalSetting, type RestApiTokens, type UpstreamUnit } from '../../../src/features/unit.js';
import { oidcIdentity } from '../../layers/oidc-identity/layer.js';
import { restApi, restApiSettings } from '../../layers/rest-api/layer.js';

/** Any OAuth server: its token endpoint is named outright (UPSTREAM_TOKEN_URL). */
const restApiTokens = {
  clientAuthMethod: 'client_secret_basic',
  tokenExchange: false,
  testIdp: { location: { setting: 'UPSTREAM_TOKEN_URL', path: '/oauth2/token' }, settings: {}, tokenPath: '/oauth2/token' },
} as const satisfies RestApiTokens;

export default {
  id: 'generic',
  label: 'Generic OIDC / REST API',
  hint: 'any OIDC provider and any REST API',
  folder: 'upstream/generic',
  layers: [oidcIdentity, restApi],
  // `none` first: a generic project runs the moment it is generated, before an IdP is chosen.
  authStrategies: ['none', 'jwt', 'introspection', 'oauth-proxy', 'gateway'],
  settings: {},
  restApi: restApiTokens,
  localKeycloak: { OIDC_ISSUER: 'http://keycloak.localhost:8180/realms/mcp' },
  envVars: restApiSettings(restApiTokens, {
    auth: {
      ...optionalSetting('UPSTREAM_API_AUTH', "How the server authenticates to the REST API: none, api_key (static key in a header), client_credentials (this server's own OAuth token), or signed_in_user (the caller's own token from signing in through this server; oauth-proxy only).", 'none'),
      whenUsersSignIn: { example: 'signed_in_user' },
    },
    tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', "Token endpoint of the OAuth server that issues the REST API's tokens (required for client_credentials).", 'https://idp.example.com/oauth2/token'),
    clientId: optionalSetting('UPSTREAM_CLIENT_ID', "This server's OAuth client ID at the identity provider (client_credentials).", 'mcp-server'),
    scope: optionalSetting('UPSTREAM_SCOPE', "Space-separated scopes requested for the REST API's tokens.", 'orders.read orders.write'),
    audience: optionalSetting('UPSTREAM_AUDIENCE', "Audience requested for the REST API's tokens, sent as the audience parameter (Auth0 and others).", 'https://api.example.com'),
  }),
} as const satisfies UpstreamUnit;
