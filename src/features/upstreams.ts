import type { Upstream } from '../options/schema.js';
import { GENERIC_OIDC_README, KEYCLOAK_README } from './readme-sections.js';
import type { UpstreamFeature } from './types.js';

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
} as const satisfies Record<Upstream, UpstreamFeature>;
