import type { Upstream } from '../options/schema.js';
import { ENTRA_README, GENERIC_OIDC_README, KEYCLOAK_README, SCALEKIT_README } from './readme-sections.js';
import { optionalSetting, type UpstreamFeature } from './types.js';

export const upstreamFeatures = {
  generic: {
    displayName: 'Generic OIDC / REST API',
    overlays: ['upstream/generic'],
    // `none` first: a generic project runs the moment it is generated, before an IdP is chosen.
    authStrategies: ['none', 'jwt', 'introspection', 'gateway'],
    dependencies: [],
    devDependencies: [],
    envVars: [
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
    ],
    readme: [{ title: 'Upstream: Generic OIDC / REST API (`generic`)', body: GENERIC_OIDC_README, withTokenAuthOnly: true }],
  },
  keycloak: {
    displayName: 'Keycloak',
    overlays: ['upstream/keycloak'],
    authStrategies: ['jwt', 'introspection', 'gateway', 'none'],
    dependencies: [],
    devDependencies: [],
    envVars: [
      {
        name: 'KEYCLOAK_URL',
        description: 'Base URL of the Keycloak server, without /realms/...',
        example: 'https://sso.example.com',
        required: 'with-token-auth',
        secret: false,
      },
      {
        name: 'KEYCLOAK_REALM',
        description: 'Realm that issues the access tokens; the issuer is <KEYCLOAK_URL>/realms/<KEYCLOAK_REALM>.',
        example: 'acme',
        required: 'with-token-auth',
        secret: false,
      },
      {
        name: 'KEYCLOAK_CLIENT_ID',
        description: "This server's client in the realm; its client roles (resource_access.<client>.roles) count as roles.",
        example: 'mcp-server',
        required: 'with-token-auth',
        secret: false,
      },
    ],
    readme: [{ title: 'Upstream: Keycloak (`keycloak`)', body: KEYCLOAK_README, withTokenAuthOnly: true }],
  },
  entra: {
    displayName: 'Microsoft Entra ID',
    overlays: ['upstream/entra'],
    // Entra has no token introspection endpoint: its access tokens are JWTs, verified locally.
    authStrategies: ['jwt', 'gateway', 'none'],
    dependencies: [],
    devDependencies: [],
    envVars: [
      {
        name: 'ENTRA_TENANT_ID',
        description: 'Directory (tenant) ID, or organizations for a multi-tenant app (then AUTH_ALLOWED_TENANTS is required).',
        example: '00000000-0000-0000-0000-000000000000',
        required: 'with-token-auth',
        secret: false,
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
    ],
    readme: [{ title: 'Upstream: Microsoft Entra ID (`entra`)', body: ENTRA_README, withTokenAuthOnly: true }],
  },
  scalekit: {
    displayName: 'Scalekit',
    overlays: ['upstream/scalekit'],
    // Scalekit issues JWT access tokens for MCP servers and publishes no introspection endpoint for them.
    authStrategies: ['jwt', 'gateway', 'none'],
    dependencies: [],
    devDependencies: [],
    envVars: [
      {
        name: 'SCALEKIT_ENVIRONMENT_URL',
        description: 'Environment URL from the Scalekit dashboard (Settings, API credentials); the issuer of the tokens.',
        example: 'https://acme.scalekit.com',
        required: 'with-token-auth',
        secret: false,
      },
      {
        name: 'SCALEKIT_RESOURCE_ID',
        description: 'ID Scalekit gave this MCP server when it was registered; tokens carry it as audience.',
        example: 'res_1234567890',
        required: 'with-token-auth',
        secret: false,
      },
      optionalSetting('SCALEKIT_JWKS_URL', "Signing keys of the environment. Default: <SCALEKIT_ENVIRONMENT_URL>/keys.", 'https://acme.scalekit.com/keys'),
    ],
    readme: [{ title: 'Upstream: Scalekit (`scalekit`)', body: SCALEKIT_README, withTokenAuthOnly: true }],
  },
} as const satisfies Record<Upstream, UpstreamFeature>;
