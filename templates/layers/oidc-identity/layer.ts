import type { EnvVar, Layer } from '../../../src/features/unit.js';

const settings: readonly EnvVar[] = [
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

/** Callers sign in with any OpenID Connect provider: for upstreams that are not themselves the identity provider. */
export const oidcIdentity = {
  folder: 'layers/oidc-identity',
  envVars: settings,
  readme: [{ file: 'callers.md', withTokenAuthOnly: true }],
} as const satisfies Layer;
