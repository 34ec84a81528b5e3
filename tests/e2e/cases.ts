import { DEPLOY_TARGETS, type ProjectOptions, type Upstream, type UpstreamChoice } from '../../src/options/schema.js';
import { deployTargetsFor } from '../../src/options/rules.js';
import { choiceFlags } from '../../src/options/flags.js';
import { allCombinations } from '../support/combinations.js';
import { pairwise } from '../support/pairwise.js';
import type { ProjectNodeMajor } from '../support/toolchain.js';

/** One generated project of the end-to-end suite and how it is run. */
export interface EndToEndCase {
  name: string;
  options: ProjectOptions;
  /** The Node release that installs, tests, builds and serves the project (the CLI runs on the suite's own). */
  node: ProjectNodeMajor;
  /**
   * Whether this project carries the checks that depend only on its upstream (the MCP Inspector's):
   * the first project of each upstream does, so they run once per upstream, not once per project.
   */
  upstreamChecks: boolean;
}

/**
 * The generated projects the end-to-end suite installs and runs: every pair of upstream, auth,
 * storage and package manager values that the CLI accepts together (see `coreCombinations`).
 * Generated projects run on Node 24, the release their images ship; every fourth runs on Node 22,
 * the oldest they support, so both package managers meet both releases.
 */
export function endToEndCases(): EndToEndCase[] {
  const seenUpstreams = new Set<Upstream>();
  const named = (options: ProjectOptions, node: ProjectNodeMajor): EndToEndCase => {
    const upstreamChecks = !seenUpstreams.has(options.upstream);
    seenUpstreams.add(options.upstream);
    const deploy = options.deploy.join('+') || 'none';
    return { name: `${options.upstream}/${options.auth}/${options.storage}/${options.packageManager}/deploy=${deploy}/node${node}`, options, node, upstreamChecks };
  };
  const cases = coreCombinations().map((options, index) => named(options, index % 4 === 3 ? 22 : 24));
  return [...cases, ...ONE_CASE_STORAGE.map(({ node, ...options }) => named(options, node))];
}

/**
 * Storage backends that run in one case of their own instead of joining the pairwise cover, which would
 * add a case for every upstream they were not yet paired with: their code does not depend on the
 * upstream or the auth strategy, and each of those is covered by the other cases. Azure Cosmos DB runs
 * on Node 22, the oldest release its driver supports, with pnpm, whose strict node_modules finds a
 * package the project uses without declaring it.
 */
const ONE_CASE_STORAGE: readonly (ProjectOptions & { node: ProjectNodeMajor })[] = [
  { projectName: 'demo', upstream: 'entra', auth: 'jwt', storage: 'cosmos', packageManager: 'pnpm', deploy: [...DEPLOY_TARGETS], node: 22 },
];

/**
 * Every pair of upstream, auth, storage and package manager values that the CLI accepts together,
 * in as few projects as the greedy cover finds. Deploy targets only add files (checked statically
 * elsewhere), so they rotate across the chosen cases instead of multiplying them.
 */
function coreCombinations(): ProjectOptions[] {
  const cores = new Map<string, Pick<ProjectOptions, 'upstream' | 'auth' | 'storage' | 'packageManager'>>();
  for (const { upstream, auth, storage, packageManager } of allCombinations()) {
    if (ONE_CASE_STORAGE.some((single) => single.storage === storage)) continue;
    const core = { upstream, auth, storage, packageManager };
    cores.set(JSON.stringify(core), core);
  }
  const deploySets = [[...DEPLOY_TARGETS], ['docker'], []] as ProjectOptions['deploy'][];
  return pairwise([...cores.values()]).map(({ upstream, ...core }, index) => ({
    projectName: 'demo',
    ...E2E_UPSTREAM_SETTINGS[upstream],
    ...core,
    // All of a set that run with the project's store.
    deploy: (deploySets[index % deploySets.length] ?? []).filter((target) => deployTargetsFor(core.storage).includes(target)),
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

/** Command-line flags that generate `options` (but the package manager, which `generateProject` passes). */
export function flagsFor(options: ProjectOptions): string[] {
  return choiceFlags(options);
}

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

/**
 * What an upstream tool answers over stdio before any of the project's settings are set: what is
 * missing, or, where the tools act as the signed-in user and need nothing more (Salesforce, NetSuite
 * with its account given to the CLI), that the caller must sign in, which nobody does over stdio.
 */
export function answerBeforeSettings(options: ProjectOptions): { code: string; message: RegExp } {
  const signInRequired = { code: 'sign_in_required', message: /did not sign in through this server/ };
  if (options.auth !== 'oauth-proxy') return { code: 'upstream_not_configured', message: /not configured/ };
  if (options.upstream === 'salesforce') return signInRequired;
  if (options.upstream === 'netsuite' && options.netsuite.accountId !== undefined) return signInRequired;
  return { code: 'upstream_not_configured', message: /not configured/ };
}
