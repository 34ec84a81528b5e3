import { DEPLOY_TARGETS, type AuthStrategy, type ProjectOptions, type Upstream } from '../../src/options/schema.js';
import { allCombinations } from '../support/combinations.js';
import { pairwise } from '../support/pairwise.js';

/**
 * The generated projects the end-to-end suite installs and runs: every pair of upstream, auth,
 * storage and package manager values that the CLI accepts together, in as few projects as the
 * greedy cover finds. Deploy targets only add files (checked statically elsewhere), so they rotate
 * across the chosen cases instead of multiplying them.
 */
export function endToEndCases(): ProjectOptions[] {
  const byCore = new Map<string, ProjectOptions>();
  for (const options of allCombinations()) {
    const core = { upstream: options.upstream, auth: options.auth, storage: options.storage, packageManager: options.packageManager };
    byCore.set(JSON.stringify(core), { ...options, ...core });
  }
  const deploySets = [[...DEPLOY_TARGETS], ['docker'], []] as ProjectOptions['deploy'][];
  return pairwise([...byCore.values()].map(({ upstream, auth, storage, packageManager }) => ({ upstream, auth, storage, packageManager }))).map(
    (core, index) => ({ projectName: 'demo', ...core, deploy: deploySets[index % deploySets.length] ?? [] }),
  );
}

/** Command-line flags that generate `options`. */
export function flagsFor(options: ProjectOptions): string[] {
  return [
    '--upstream', options.upstream,
    '--auth', options.auth,
    '--storage', options.storage,
    '--package-manager', options.packageManager,
    '--deploy', options.deploy.length > 0 ? options.deploy.join(',') : 'none',
  ];
}

/**
 * Identity-provider settings a token-verifying server needs to start. They point at a closed
 * loopback port: the server starts, cannot fetch signing keys, and still turns anonymous callers away.
 */
export const IDENTITY_PROVIDER_ENV = {
  generic: { OIDC_ISSUER: 'http://127.0.0.1:9/idp' },
  keycloak: { KEYCLOAK_URL: 'http://127.0.0.1:9', KEYCLOAK_REALM: 'e2e', KEYCLOAK_CLIENT_ID: 'mcp-server' },
  entra: { ENTRA_AUTHORITY_HOST: 'http://127.0.0.1:9', ENTRA_TENANT_ID: '11111111-2222-3333-4444-555555555555', ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' },
  scalekit: { SCALEKIT_ENVIRONMENT_URL: 'http://127.0.0.1:9', SCALEKIT_RESOURCE_ID: 'res_e2e' },
} as const satisfies Record<Upstream, Record<string, string>>;

/** Settings a strategy needs before it starts serving HTTP (placeholders: no token is ever checked). */
export const STRATEGY_ENV = {
  none: {},
  jwt: {},
  introspection: { AUTH_CLIENT_ID: 'e2e-server', AUTH_CLIENT_SECRET: 'e2e-placeholder-secret' },
  gateway: {},
} as const satisfies Record<AuthStrategy, Record<string, string>>;
