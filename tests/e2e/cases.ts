import { DEPLOY_TARGETS, type AuthStrategy, type ProjectOptions, type Upstream, type UpstreamChoice } from '../../src/options/schema.js';
import { allCombinations } from '../support/combinations.js';
import { pairwise } from '../support/pairwise.js';

/**
 * The generated projects the end-to-end suite installs and runs: every pair of upstream, auth,
 * storage and package manager values that the CLI accepts together, in as few projects as the
 * greedy cover finds. Deploy targets only add files (checked statically elsewhere), so they rotate
 * across the chosen cases instead of multiplying them.
 */
export function endToEndCases(): ProjectOptions[] {
  const cores = new Map<string, Pick<ProjectOptions, 'upstream' | 'auth' | 'storage' | 'packageManager'>>();
  for (const { upstream, auth, storage, packageManager } of allCombinations()) {
    const core = { upstream, auth, storage, packageManager };
    cores.set(JSON.stringify(core), core);
  }
  const deploySets = [[...DEPLOY_TARGETS], ['docker'], []] as ProjectOptions['deploy'][];
  return pairwise([...cores.values()]).map(({ upstream, ...core }, index) => ({
    projectName: 'demo',
    ...E2E_UPSTREAM_SETTINGS[upstream],
    ...core,
    deploy: deploySets[index % deploySets.length] ?? [],
  }));
}

/** Each upstream with settings given on the command line, as a user who knows them would. */
const E2E_UPSTREAM_SETTINGS = {
  generic: { upstream: 'generic' },
  keycloak: { upstream: 'keycloak' },
  entra: { upstream: 'entra' },
  scalekit: { upstream: 'scalekit' },
  netsuite: { upstream: 'netsuite', netsuite: { accountId: '1234567_SB1' } },
  salesforce: { upstream: 'salesforce', salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '65.0' } },
} as const satisfies { [U in Upstream]: UpstreamChoice & { upstream: U } };

/** Command-line flags that generate `options`. */
export function flagsFor(options: ProjectOptions): string[] {
  return [
    '--upstream', options.upstream,
    ...upstreamSettingFlags(options),
    '--auth', options.auth,
    '--storage', options.storage,
    '--package-manager', options.packageManager,
    '--deploy', options.deploy.length > 0 ? options.deploy.join(',') : 'none',
  ];
}

/** The flags that carry the chosen upstream's own settings. */
export function upstreamSettingFlags(choice: UpstreamChoice): string[] {
  switch (choice.upstream) {
    case 'netsuite':
      return choice.netsuite.accountId === undefined ? [] : ['--netsuite-account-id', choice.netsuite.accountId];
    case 'salesforce':
      return ['--salesforce-login-url', choice.salesforce.loginUrl, '--salesforce-api-version', choice.salesforce.apiVersion];
    default:
      return [];
  }
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
  netsuite: { OIDC_ISSUER: 'http://127.0.0.1:9/idp' },
  salesforce: { OIDC_ISSUER: 'http://127.0.0.1:9/idp' },
} as const satisfies Record<Upstream, Record<string, string>>;

/** Settings a strategy needs before it starts serving HTTP (placeholders: no token is ever checked). */
export const STRATEGY_ENV = {
  none: {},
  jwt: {},
  introspection: { AUTH_CLIENT_ID: 'e2e-server', AUTH_CLIENT_SECRET: 'e2e-placeholder-secret' },
  gateway: {},
} as const satisfies Record<AuthStrategy, Record<string, string>>;

const REST_API_TOOLS = ['api_create_item', 'api_delete_item', 'api_get_item', 'api_list_items', 'api_update_item'];

/** The tools each upstream adds to the example tools, and one call that needs its credentials. */
export const UPSTREAM_TOOLS = {
  generic: { tools: REST_API_TOOLS, call: { name: 'api_get_item', arguments: { collection: 'orders', id: '1' } } },
  keycloak: { tools: REST_API_TOOLS, call: { name: 'api_get_item', arguments: { collection: 'orders', id: '1' } } },
  entra: { tools: REST_API_TOOLS, call: { name: 'api_get_item', arguments: { collection: 'orders', id: '1' } } },
  scalekit: { tools: REST_API_TOOLS, call: { name: 'api_get_item', arguments: { collection: 'orders', id: '1' } } },
  netsuite: {
    tools: ['netsuite_create_record', 'netsuite_delete_record', 'netsuite_get_record', 'netsuite_suiteql', 'netsuite_update_record'],
    call: { name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '1' } },
  },
  salesforce: {
    tools: ['salesforce_create_record', 'salesforce_delete_record', 'salesforce_describe', 'salesforce_get_record', 'salesforce_soql', 'salesforce_update_record'],
    call: { name: 'salesforce_get_record', arguments: { sobject: 'Account', id: '001000000000000AAA' } },
  },
} as const satisfies Record<Upstream, { tools: readonly string[]; call: { name: string; arguments: Record<string, unknown> } }>;
