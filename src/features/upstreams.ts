import type { Upstream } from '../options/schema.js';
import {
  ENTRA_API_README,
  ENTRA_README,
  GENERIC_OIDC_README,
  KEYCLOAK_API_README,
  KEYCLOAK_README,
  NETSUITE_README,
  REST_API_README,
  SALESFORCE_README,
  SCALEKIT_API_README,
  SCALEKIT_README,
} from './readme-sections.js';
import { optionalSetting, type EnvVar, type UpstreamFeature, type UpstreamToolCall } from './types.js';

/** How presets whose callers sign in with any OpenID Connect provider find it (the `upstream/oidc-identity` overlay). */
const OIDC_IDENTITY_SETTINGS: readonly EnvVar[] = [
  {
    name: 'OIDC_ISSUER',
    description: 'Issuer URL of the OpenID Connect provider, exactly as tokens carry it in "iss". Its discovery document is read from <issuer>/.well-known/openid-configuration.',
    example: 'https://idp.example.com',
    required: 'with-token-auth',
    secret: false,
  },
  {
    name: 'OIDC_ROLES_CLAIM',
    description: "Token claim holding the caller's roles; a dotted path reaches into objects (realm_access.roles).",
    example: 'roles',
    required: false,
    secret: false,
  },
  {
    name: 'OIDC_TENANT_CLAIM',
    description: "Token claim naming the caller's tenant or organisation (e.g. tid). Unset: tokens carry no tenant.",
    example: 'tid',
    required: false,
    secret: false,
  },
];

/** A secret the preset needs to call its upstream API; without it the upstream tools say so. */
function upstreamSecret(name: string, description: string, example: string): EnvVar {
  return { name, description, example, required: false, secret: true };
}

/** The same variable, marked as one the upstream's tools cannot work without (with the preset's defaults). */
function neededByTools(envVar: EnvVar): EnvVar {
  return { ...envVar, neededByUpstreamTools: true };
}

/** What differs per preset in the settings of the REST API behind the api_* tools. */
interface RestApiPreset {
  auth: EnvVar;
  tokenUrl: EnvVar;
  clientId: EnvVar;
  clientAuthMethod: 'client_secret_basic' | 'client_secret_post';
  scope: EnvVar;
  audience?: EnvVar;
}

/** The REST API behind the api_* tools (the `upstream/rest-api` overlay). */
function restApiSettings(preset: RestApiPreset): EnvVar[] {
  // UPSTREAM_API_AUTH's example is its default: with client_credentials, the client's ID and secret are needed too.
  const withClient = preset.auth.example === 'client_credentials' ? neededByTools : (envVar: EnvVar) => envVar;
  return [
    neededByTools(optionalSetting('UPSTREAM_API_URL', 'Base URL of the REST API the api_* tools reach; collections are paths below it (<url>/<collection>/<id>). https; plain http only on localhost.', 'https://api.example.com/v1')),
    preset.auth,
    upstreamSecret('UPSTREAM_API_KEY', 'Key the REST API issued to this server (UPSTREAM_API_AUTH=api_key).', ''),
    optionalSetting('UPSTREAM_API_KEY_HEADER', 'Header that carries the API key.', 'x-api-key'),
    preset.tokenUrl,
    withClient(preset.clientId),
    withClient(upstreamSecret('UPSTREAM_CLIENT_SECRET', 'Client secret of UPSTREAM_CLIENT_ID.', '')),
    optionalSetting('UPSTREAM_CLIENT_AUTH_METHOD', 'How the client secret is sent to the token endpoint: client_secret_basic (HTTP Basic) or client_secret_post (form body).', preset.clientAuthMethod),
    preset.scope,
    ...(preset.audience === undefined ? [] : [preset.audience]),
    optionalSetting('UPSTREAM_API_COLLECTIONS', 'Collections the api_* tools may reach, separated by commas; unset allows every collection.', 'orders,customers'),
  ];
}

/** A tool made with `add tool --upstream-call` on a preset with the REST API reads one item. */
const REST_API_TOOL_CALL: UpstreamToolCall = {
  inputFields: "id: z.string().min(1).max(200).describe('ID of the item to read')",
  parameters: '{ id }',
  call: "ctx.upstream.rest.get('items', id, ctx)",
};

export const upstreamFeatures = {
  generic: {
    displayName: 'Generic OIDC / REST API',
    overlays: ['layers/oidc-identity', 'layers/rest-api', 'upstream/generic'],
    // `none` first: a generic project runs the moment it is generated, before an IdP is chosen.
    authStrategies: ['none', 'jwt', 'introspection', 'gateway'],
    toolCall: REST_API_TOOL_CALL,
    dependencies: [],
    devDependencies: [],
    envVars: [...OIDC_IDENTITY_SETTINGS, ...restApiSettings({
      auth: optionalSetting('UPSTREAM_API_AUTH', 'How the server authenticates to the REST API: none, api_key (static key in a header) or client_credentials (this server\'s own OAuth token).', 'none'),
      tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', 'Token endpoint of the OAuth server that issues the REST API\'s tokens (required for client_credentials).', 'https://idp.example.com/oauth2/token'),
      clientId: optionalSetting('UPSTREAM_CLIENT_ID', "This server's OAuth client ID at the identity provider (client_credentials).", 'mcp-server'),
      clientAuthMethod: 'client_secret_basic',
      scope: optionalSetting('UPSTREAM_SCOPE', "Space-separated scopes requested for the REST API's tokens.", 'orders.read orders.write'),
      audience: optionalSetting('UPSTREAM_AUDIENCE', "Audience requested for the REST API's tokens, sent as the audience parameter (Auth0 and others).", 'https://api.example.com'),
    })],
    readme: [
      { title: 'Upstream API: REST (`api_*` tools)', body: REST_API_README },
      { title: 'Upstream: Generic OIDC / REST API (`generic`)', body: GENERIC_OIDC_README, withTokenAuthOnly: true },
    ],
  },
  keycloak: {
    displayName: 'Keycloak',
    overlays: ['layers/rest-api', 'upstream/keycloak'],
    authStrategies: ['jwt', 'introspection', 'gateway', 'none'],
    toolCall: REST_API_TOOL_CALL,
    dependencies: [],
    devDependencies: [],
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
      ...restApiSettings({
        auth: optionalSetting('UPSTREAM_API_AUTH', "How the server authenticates to the REST API: client_credentials (this server's own token from the realm), token_exchange (a token per caller, exchanged for the caller's access token; needs jwt or introspection auth), api_key or none.", 'client_credentials'),
        tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', "Token endpoint for the REST API's tokens. Default: <KEYCLOAK_URL>/realms/<KEYCLOAK_REALM>/protocol/openid-connect/token.", 'https://sso.example.com/realms/acme/protocol/openid-connect/token'),
        clientId: optionalSetting('UPSTREAM_CLIENT_ID', "This server's confidential client in the realm (service accounts for client_credentials, standard token exchange for token_exchange).", 'mcp-server'),
        clientAuthMethod: 'client_secret_basic',
        scope: optionalSetting('UPSTREAM_SCOPE', "Space-separated scopes requested for the REST API's tokens.", 'orders:read'),
        audience: optionalSetting('UPSTREAM_AUDIENCE', 'Client ID of the REST API in the realm: the audience of exchanged tokens (required for token_exchange).', 'orders-api'),
      }),
    ],
    readme: [
      { title: 'Upstream API: REST (`api_*` tools)', body: `${REST_API_README}\n\n${KEYCLOAK_API_README}` },
      { title: 'Upstream: Keycloak (`keycloak`)', body: KEYCLOAK_README, withTokenAuthOnly: true },
    ],
  },
  entra: {
    displayName: 'Microsoft Entra ID',
    overlays: ['layers/rest-api', 'upstream/entra'],
    // Entra has no token introspection endpoint: its access tokens are JWTs, verified locally.
    authStrategies: ['jwt', 'gateway', 'none'],
    toolCall: REST_API_TOOL_CALL,
    dependencies: [],
    devDependencies: [],
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
      ...restApiSettings({
        auth: optionalSetting('UPSTREAM_API_AUTH', 'How the server authenticates to the REST API: client_credentials (an app-only token from the tenant), api_key or none.', 'client_credentials'),
        tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', "Token endpoint for the REST API's tokens. Default: <ENTRA_AUTHORITY_HOST>/<ENTRA_TENANT_ID>/oauth2/v2.0/token; required when ENTRA_TENANT_ID is organizations or common.", 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token'),
        clientId: optionalSetting('UPSTREAM_CLIENT_ID', "Application (client) ID of the app registration that holds the client secret and the REST API's application permission.", '00000000-0000-0000-0000-000000000000'),
        clientAuthMethod: 'client_secret_post',
        scope: neededByTools(optionalSetting('UPSTREAM_SCOPE', "The REST API's Application ID URI followed by /.default (required for client_credentials).", 'api://00000000-0000-0000-0000-000000000000/.default')),
      }),
    ],
    readme: [
      { title: 'Upstream API: REST (`api_*` tools)', body: `${REST_API_README}\n\n${ENTRA_API_README}` },
      { title: 'Upstream: Microsoft Entra ID (`entra`)', body: ENTRA_README, withTokenAuthOnly: true },
    ],
  },
  scalekit: {
    displayName: 'Scalekit',
    overlays: ['layers/rest-api', 'upstream/scalekit'],
    // Scalekit issues JWT access tokens for MCP servers and publishes no introspection endpoint for them.
    authStrategies: ['jwt', 'gateway', 'none'],
    toolCall: REST_API_TOOL_CALL,
    dependencies: [],
    devDependencies: [],
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
      optionalSetting('SCALEKIT_JWKS_URL', "Signing keys of the environment. Default: <SCALEKIT_ENVIRONMENT_URL>/keys.", 'https://acme.scalekit.com/keys'),
      ...restApiSettings({
        auth: optionalSetting('UPSTREAM_API_AUTH', 'How the server authenticates to the REST API: client_credentials (a token of a Scalekit API client), api_key or none.', 'client_credentials'),
        tokenUrl: optionalSetting('UPSTREAM_TOKEN_URL', "Token endpoint for the REST API's tokens. Default: <SCALEKIT_ENVIRONMENT_URL>/oauth/token.", 'https://acme.scalekit.com/oauth/token'),
        clientId: optionalSetting('UPSTREAM_CLIENT_ID', 'Client ID of the Scalekit API client (machine-to-machine client) registered for the organization.', 'your-api-client-id'),
        clientAuthMethod: 'client_secret_post',
        scope: optionalSetting('UPSTREAM_SCOPE', 'Space-separated scopes requested; unset asks for the scopes the API client holds.', 'orders:read'),
      }),
    ],
    readme: [
      { title: 'Upstream API: REST (`api_*` tools)', body: `${REST_API_README}\n\n${SCALEKIT_API_README}` },
      { title: 'Upstream: Scalekit (`scalekit`)', body: SCALEKIT_README, withTokenAuthOnly: true },
    ],
  },
  netsuite: {
    displayName: 'Oracle NetSuite',
    overlays: ['layers/oidc-identity', 'upstream/netsuite'],
    // NetSuite is reached with service credentials; callers sign in with the organisation's OIDC provider.
    authStrategies: ['none', 'jwt', 'introspection', 'gateway'],
    // The client assertion is a JWT signed with the certificate's key.
    toolCall: {
      inputFields: "id: z.string().min(1).max(100).describe('Internal ID of the customer, e.g. 1234')",
      parameters: '{ id }',
      call: "ctx.upstream.records.get('customer', id, ctx)",
    },
    dependencies: ['jose'],
    devDependencies: [],
    envVars: [
      ...OIDC_IDENTITY_SETTINGS,
      neededByTools(optionalSetting('NETSUITE_ACCOUNT_ID', 'NetSuite account ID (Setup, Company, Company Information); sandboxes look like 123456_SB1.', '123456_SB1')),
      neededByTools(optionalSetting('NETSUITE_CLIENT_ID', 'Client ID (consumer key) of the integration record with the client credentials (M2M) grant enabled.', 'your-integration-client-id')),
      neededByTools(optionalSetting('NETSUITE_CERTIFICATE_ID', 'Certificate ID shown in Setup, Integration, OAuth 2.0 Client Credentials (M2M) Setup for the uploaded certificate.', 'your-certificate-id')),
      neededByTools(upstreamSecret('NETSUITE_PRIVATE_KEY', 'PEM private key of that certificate (PS256: RSA 3072+ bits; ES256: P-256); newlines may be written as \\n.', '')),
      optionalSetting('NETSUITE_SIGNING_ALGORITHM', 'Algorithm of the client assertion: PS256 (RSA certificate) or ES256 (EC certificate).', 'PS256'),
      optionalSetting('NETSUITE_SCOPES', 'Comma-separated scopes requested for the access token (rest_webservices, restlets, suite_analytics).', 'rest_webservices'),
      optionalSetting('NETSUITE_REST_URL', 'Base URL of the account\'s REST services. Default: https://<account>.suitetalk.api.netsuite.com.', 'https://123456-sb1.suitetalk.api.netsuite.com'),
    ],
    readme: [
      { title: 'Upstream: Oracle NetSuite (`netsuite`)', body: NETSUITE_README },
      { title: 'Callers: any OpenID Connect provider', body: GENERIC_OIDC_README, withTokenAuthOnly: true },
    ],
  },
  salesforce: {
    displayName: 'Salesforce',
    overlays: ['layers/oidc-identity', 'upstream/salesforce'],
    // Salesforce is reached with service credentials; callers sign in with the organisation's OIDC provider.
    authStrategies: ['none', 'jwt', 'introspection', 'gateway'],
    toolCall: {
      inputFields: "id: z.string().min(15).max(18).describe('ID of the account, e.g. 001xx000003DGb2AAG')",
      parameters: '{ id }',
      call: "ctx.upstream.sobjects.get({ sobject: 'Account', id }, ctx)",
    },
    dependencies: [],
    devDependencies: [],
    envVars: [
      ...OIDC_IDENTITY_SETTINGS,
      neededByTools(optionalSetting('SALESFORCE_LOGIN_URL', 'Where tokens are requested: your My Domain URL (https://<domain>.my.salesforce.com), or https://login.salesforce.com / https://test.salesforce.com for the JWT bearer flow.', 'https://acme.my.salesforce.com')),
      optionalSetting('SALESFORCE_API_VERSION', 'REST API version, without the v.', '66.0'),
      optionalSetting('SALESFORCE_AUTH_FLOW', 'client_credentials (external client app with the client credentials flow) or jwt_bearer (certificate, acting as SALESFORCE_USERNAME).', 'client_credentials'),
      neededByTools(optionalSetting('SALESFORCE_CLIENT_ID', 'Consumer key of the external client app.', 'your-consumer-key')),
      neededByTools(upstreamSecret('SALESFORCE_CLIENT_SECRET', 'Consumer secret of the external client app (client_credentials flow).', '')),
      optionalSetting('SALESFORCE_USERNAME', 'User the JWT bearer flow acts as (jwt_bearer flow).', 'integration@acme.com'),
      upstreamSecret('SALESFORCE_PRIVATE_KEY', 'PEM private key whose certificate is uploaded to the app (jwt_bearer flow); newlines may be written as \\n.', ''),
    ],
    readme: [
      { title: 'Upstream: Salesforce (`salesforce`)', body: SALESFORCE_README },
      { title: 'Callers: any OpenID Connect provider', body: GENERIC_OIDC_README, withTokenAuthOnly: true },
    ],
  },
} as const satisfies Record<Upstream, UpstreamFeature>;
