/**
 * Every package a generated project can get or run, pinned in one table. Units name packages
 * from this table only (the type makes anything else fail to compile), so a version bump is one
 * line and every combination moves together. Exact versions: a generated project should build the
 * same way the day it is generated and a year later.
 */
export const VERSIONS = {
  // The Azure Cosmos DB storage backend's driver (Node.js 22 or newer, as generated projects are) and, for
  // sign-in without a key, Microsoft Entra credentials (managed identity, workload identity, az login).
  '@azure/cosmos': '4.10.1',
  '@azure/identity': '4.14.1',
  '@modelcontextprotocol/client': '2.4.0',
  // Not a dependency: `npm run inspect` fetches it on demand (about 110 MB that every install and
  // CI run would otherwise carry for a tool used now and then).
  '@modelcontextprotocol/inspector': '2.12.0',
  // Not a dependency: generated servers connect the MCP handler to Node themselves
  // (src/http/mcp-node-adapter.ts). `npm run bench:server` mounts its bare-SDK baseline with it.
  '@modelcontextprotocol/node': '2.1.2',
  '@modelcontextprotocol/server': '2.4.0',
  // The core of node-redis alone (the `redis` package adds the Redis Stack modules, unused here).
  '@redis/client': '6.3.1',
  '@types/express': '5.0.4',
  '@types/oidc-provider': '9.12.1',
  // The lowest Node.js major generated projects support (NODE_RUNTIME.minimum), so code that type-checks runs there.
  '@types/node': '22.20.7',
  '@types/pg': '8.23.1',
  // An Azure Cosmos DB emulator in plain JavaScript: the Cosmos DB store's tests run it inside the test process.
  '@vercel/cosmosdb-server': '1.0.1',
  express: '5.3.0',
  jose: '6.2.17',
  // The oauth-proxy strategy's client of the upstream authorization server (discovery, PKCE, code and refresh grants).
  oauth4webapi: '3.8.8',
  'oidc-provider': '9.13.3',
  // The PostgreSQL storage backend's driver and its pool (pure JavaScript: no native addon, no install script).
  pg: '8.23.1',
  pino: '10.4.0',
  // Makes the certificate the tests' Cosmos DB emulator serves, once per test run.
  selfsigned: '5.5.0',
  tsx: '4.23.15',
  typescript: '7.0.2',
  // vitest's peer, named so the lockfile holds this release: vite 8.4.0 lists an optional dependency the registry
  // does not serve (napi-windows-process-start-time), and npm 11.21 and later then refuse `npm ci` as out of sync.
  vite: '8.3.8',
  vitest: '4.1.12',
  zod: '4.6.7',
} as const;

export type PackageName = keyof typeof VERSIONS;

/**
 * The GitHub Actions the generated workflows use, pinned by commit: a tag can be moved to other code,
 * a commit cannot. The release it is travels as a comment, which Dependabot keeps current with the commit.
 */
export const GITHUB_ACTIONS = {
  checkout: { repository: 'actions/checkout', commit: '3d3c42e5aac5ba805825da76410c181273ba90b1', release: 'v7.0.1' },
  setupNode: { repository: 'actions/setup-node', commit: '820762786026740c76f36085b0efc47a31fe5020', release: 'v7.0.0' },
  setupPnpm: { repository: 'pnpm/action-setup', commit: 'fe02b34f77f8bc703788d5817da081398fad5dd2', release: 'v4.0.0' },
  setupBuildx: { repository: 'docker/setup-buildx-action', commit: '37fe631027851001ddb9b187196cc803df7f5f0e', release: 'v4.3.0' },
  login: { repository: 'docker/login-action', commit: '4907a6ddec9925e35a0a9e82d7399ccc52663121', release: 'v4.1.0' },
  imageMetadata: { repository: 'docker/metadata-action', commit: 'dc802804100637a589fabce1cb79ff13a1411302', release: 'v6.2.0' },
  buildPush: { repository: 'docker/build-push-action', commit: '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a', release: 'v7.3.0' },
} as const;

/**
 * Packages deep in a generated project's tree whose install scripts it approves (npm's
 * `allowScripts`, pnpm's `onlyBuiltDependencies`), so installs run them without asking.
 * esbuild (under tsx and vitest) checks its platform binary in a postinstall script. Approved by
 * name, not version: the lockfile already pins the version, and a pinned approval would lapse (and
 * the question return) with every esbuild release tsx or vite moves to.
 */
export const INSTALL_SCRIPT_PACKAGES = ['esbuild'] as const;

/**
 * The Node.js releases a generated project runs on. Node 20 is past its end of life (2026-04-30), so
 * the floor is the oldest maintained major, at the first release with `node:sqlite` unflagged (the
 * SQLite store's driver; vite under vitest needs 22.12).
 */
export const NODE_RUNTIME = {
  /** `engines.node` of the generated package.json, as `>=minimum`. */
  minimum: '22.13',
  /** Majors the CI workflow tests: the floor's major and the one the container image runs. */
  tested: ['22', '24'],
  /** Major of the container image. */
  image: '24',
} as const;
