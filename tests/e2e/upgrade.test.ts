import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRun, runCommand, type CommandOutput } from '../support/commands.js';
import { BIN, QUIET } from '../support/generated-project.js';
import { packedAsVersion, startPackageRegistry, type PackageRegistry, type PublishedPackage } from '../support/package-registry.js';
import { removeStoredState, storageServiceEnv } from '../support/storage-services.js';
import { CLI_NODE, projectEnvironment } from '../support/toolchain.js';

/**
 * `upgrade` on real projects: one made by the oldest generator people have projects of (commit
 * 3e3f92f, before the corrections), carrying the kinds of hand edits teams make, and one of this
 * build whose options change three times. Each result is installed, type-checked and tested.
 */
const OLDEST_GENERATOR = '3e3f92f';
const env = { ...projectEnvironment(24), ...QUIET, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com' };

/** A built checkout of this repository at `commit`, kept between runs of the suite. */
async function generatorCheckout(commit: string): Promise<string> {
  const dir = join(tmpdir(), `cem-generator-${commit}`);
  if (existsSync(join(dir, 'dist')) && existsSync(join(dir, 'node_modules', '.package-lock.json'))) return dir;
  await rm(dir, { recursive: true, force: true });
  const present = await runCommand('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: resolve('.') });
  if (present.exitCode !== 0) throw new Error(`Commit ${commit} is not in this clone: the upgrade tests need the repository's history (a full clone, not a shallow one).`);
  await mustRun('sh', ['-c', `mkdir -p "${dir}" && git archive ${commit} | tar -x -C "${dir}"`], { cwd: resolve('.') });
  // Its `prepare` script builds it, as a developer's `npm ci` does.
  await mustRun('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, env: { npm_config_loglevel: 'error' } });
  return dir;
}

const run = (dir: string, file: string, ...args: string[]): Promise<CommandOutput> => runCommand(file, args, { cwd: dir, env });
const cli = (dir: string, ...args: string[]) => run(dir, CLI_NODE, BIN, ...args);
const read = (dir: string, path: string) => readFile(join(dir, path), 'utf8');

async function edit(dir: string, path: string, change: (text: string) => string): Promise<void> {
  const before = await read(dir, path);
  const after = change(before);
  if (after === before) throw new Error(`The edit of ${path} changed nothing: the fixture no longer matches the file.`);
  await writeFile(join(dir, path), after);
}

async function commitAll(dir: string, message: string): Promise<void> {
  await mustRun('git', ['add', '-A'], { cwd: dir, env });
  await mustRun('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: dir, env });
}

/** Install, type-check and test, as the upgrade summary tells the user to: the output of the first step that fails. */
async function installTypecheckTest(dir: string, extraEnv: Record<string, string> = {}): Promise<void> {
  for (const args of [['install', '--no-audit', '--no-fund'], ['run', 'typecheck'], ['test']]) {
    const result = await runCommand('npm', args, { cwd: dir, env: { ...env, ...extraEnv } });
    expect(result.exitCode, `npm ${args.join(' ')}\n${result.all}`).toBe(0);
  }
}

describe(`upgrading a project made by the generator at ${OLDEST_GENERATOR}`, () => {
  let parent: string;
  let dir: string;
  let upgrade: CommandOutput;

  beforeAll(async () => {
    const checkout = await generatorCheckout(OLDEST_GENERATOR);
    parent = await mkdtemp(join(tmpdir(), 'cem-e2e-upgrade-'));
    dir = join(parent, 'crm');
    await mustRun(CLI_NODE, [join(checkout, 'bin/create-enterprise-mcp.js'), 'crm', '--yes', '--upstream', 'generic', '--auth', 'jwt', '--storage', 'memory', '--deploy', 'docker', '--no-install', '--no-git'], { cwd: parent, env });
    await mustRun('git', ['init', '-q', '--initial-branch=main'], { cwd: dir, env });
    await commitAll(dir, 'Generated');

    // The edits a team makes: a tool added with that generator's own `add`, a tool's wording, a
    // setting, a dependency and a script, a line in a file the newer template also changes
    // elsewhere, and one line the newer template changes too (the one real conflict).
    await mustRun(CLI_NODE, [join(checkout, 'bin/create-enterprise-mcp.js'), 'add', 'tool', 'get-invoice', '--description', 'Reads one invoice'], { cwd: dir, env });
    await edit(dir, 'src/tools/echo.ts', (text) => text.replace('Returns the given text unchanged.', 'Returns the given text unchanged, for smoke tests.'));
    await edit(dir, '.env.example', (text) => text.replace('# MAX_BODY_BYTES=1048576', 'MAX_BODY_BYTES=2097152'));
    await edit(dir, 'package.json', (text) => {
      const manifest = JSON.parse(text) as { dependencies: Record<string, string>; scripts: Record<string, string> };
      manifest.dependencies['ms'] = '^2.1.3';
      manifest.scripts['check'] = 'npm run typecheck && npm test';
      return `${JSON.stringify(manifest, null, 2)}\n`;
    });
    await edit(dir, 'src/tools/server-info.ts', (text) => text.replace("title: 'Server information'", "title: 'Server details'"));
    await edit(dir, 'README.md', (text) => text.replace('Requires Node.js 20.12 or newer.', 'Requires Node.js 20.12 or newer (production runs 22).'));
    await commitAll(dir, 'Our edits');

    upgrade = await cli(dir, 'upgrade', '--from-dir', checkout);
  }, 600_000);
  afterAll(async () => {
    if (parent !== undefined) await rm(parent, { recursive: true, force: true });
  });

  it('lists what it merged and the one conflict, and exits with 1 until it is resolved', () => {
    expect(upgrade.exitCode, upgrade.all).toBe(1);
    expect(upgrade.stdout).toMatch(/MERGE\s+src\/tools\/server-info\.ts/);
    expect(upgrade.stdout).toMatch(/MERGE\s+package\.json/);
    expect(upgrade.stdout).toMatch(/CONFLICT\s+README\.md 1 conflicting change marked/);
    expect(upgrade.stdout).toContain('Then finish with: npm install && npm run typecheck && npm run test');
  });

  it('applies the template changes to the files the team never touched', async () => {
    expect(upgrade.stdout).toMatch(/DELETE\s+src\/descriptor\.ts/);
    expect(existsSync(join(dir, 'src/descriptor.ts'))).toBe(false);
    expect(await read(dir, '.env.example')).toContain('# MAX_JSON_DEPTH=64');
  });

  it('keeps every hand edit', async () => {
    expect(await read(dir, 'src/tools/echo.ts')).toContain('Returns the given text unchanged, for smoke tests.');
    expect(await read(dir, '.env.example')).toMatch(/^MAX_BODY_BYTES=2097152$/m);
    const manifest = JSON.parse(await read(dir, 'package.json')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(manifest.dependencies['ms']).toBe('^2.1.3');
    expect(manifest.scripts['check']).toBe('npm run typecheck && npm test');
    expect(await read(dir, 'src/tools/get-invoice.ts')).toContain("name: 'get_invoice'");
    expect(await read(dir, 'src/tools/index.ts')).toContain('get-invoice.js');
  });

  it('merges the template change and the edit in one file', async () => {
    const serverInfo = await read(dir, 'src/tools/server-info.ts');
    expect(serverInfo).toContain("title: 'Server details'");
    expect(serverInfo).not.toContain('descriptor');
  });

  it('marks the conflicting line with both versions and the one they started from', async () => {
    expect(await read(dir, 'README.md')).toMatch(
      /<<<<<<< yours\nRequires Node\.js 20\.12 or newer \(production runs 22\)\.\n\|\|\|\|\|\|\| as generated \(create-enterprise-mcp [^)]+\)\nRequires Node\.js 20\.12 or newer\.\n=======\nRequires Node\.js 22\.\d+ or newer\.\n>>>>>>> upgrade \(create-enterprise-mcp [^)]+\)\n/,
    );
  });

  it('installs, type-checks and passes its own tests', async () => {
    await installTypecheckTest(dir);
  }, 600_000);

  it('changes nothing when upgraded again, and says so', async () => {
    await commitAll(dir, 'Upgraded');
    const again = await cli(dir, 'upgrade');
    expect(again.exitCode, again.all).toBe(0);
    expect(again.stdout).toContain('Nothing to upgrade: crm already matches create-enterprise-mcp');
    expect((await run(dir, 'git', 'status', '--porcelain')).stdout).toBe('');
  });
});

describe('changing the options of a project', () => {
  let parent: string;
  let dir: string;
  const postgres = storageServiceEnv('postgres');

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cem-e2e-upgrade-'));
    dir = join(parent, 'erp');
    await mustRun(CLI_NODE, [BIN, 'erp', '--yes', '--upstream', 'generic', '--auth', 'none', '--storage', 'sqlite', '--deploy', 'docker', '--no-install', '--no-git'], { cwd: parent, env });
    await mustRun('git', ['init', '-q', '--initial-branch=main'], { cwd: dir, env });
    await commitAll(dir, 'Generated');
  }, 120_000);
  afterAll(async () => {
    // The project's own PostgreSQL driver drops the schema its tests used.
    const projectEnv = { ...env, ...postgres };
    const exec = (file: string, ...args: string[]) => runCommand('npm', ['exec', '--', file, ...args], { cwd: dir, env: projectEnv });
    if (dir !== undefined && existsSync(join(dir, 'node_modules', 'pg'))) await removeStoredState({ dir, env: projectEnv, exec }, 'postgres');
    if (parent !== undefined) await rm(parent, { recursive: true, force: true });
  });

  async function upgradeTo(...flags: string[]): Promise<CommandOutput> {
    const result = await cli(dir, 'upgrade', ...flags);
    expect(result.exitCode, result.all).toBe(0);
    return result;
  }

  it('from SQLite to PostgreSQL installs, type-checks and passes its tests against the database', async () => {
    const result = await upgradeTo('--storage', 'postgres');
    expect(result.stdout).toMatch(/CREATE\s+src\/storage\/postgres-store\.ts/);
    expect(result.stdout).toMatch(/DELETE\s+src\/storage\/sqlite-store\.ts/);
    await installTypecheckTest(dir, postgres);
    await commitAll(dir, 'PostgreSQL');
  }, 600_000);

  it('from no authentication to JWT installs, type-checks and passes its tests', async () => {
    const result = await upgradeTo('--auth', 'jwt');
    expect(result.stdout).toContain('auth none → jwt');
    await installTypecheckTest(dir, postgres);
    await commitAll(dir, 'JWT');
  }, 600_000);

  it('with Kubernetes added to its deploy targets installs, type-checks and passes its tests', async () => {
    const result = await upgradeTo('--deploy', '+kubernetes');
    expect(result.stdout).toMatch(/CREATE\s+deploy\/helm\//);
    await installTypecheckTest(dir, postgres);
    expect(JSON.parse(await read(dir, 'enterprise-mcp.json'))).toMatchObject({ options: { storage: 'postgres', auth: 'jwt', deploy: ['docker', 'kubernetes'] } });
  }, 600_000);
});

describe('upgrading a project made by a version on the registry', () => {
  const OLDER = '0.0.1';
  let parent: string;
  let dir: string;
  let published: PublishedPackage;
  let registry: PackageRegistry;
  let registryEnv: Record<string, string>;
  let cache: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cem-e2e-upgrade-'));
    cache = join(parent, 'cache');
    published = await packedAsVersion(parent, OLDER);
    registry = await startPackageRegistry(published);
    registryEnv = { npm_config_registry: registry.url, XDG_CACHE_HOME: cache };
    // A user who ran `npx create-enterprise-mcp@0.0.1 legacy` back then.
    const installed = join(parent, 'installed');
    await mkdir(installed);
    await writeFile(join(installed, 'package.json'), '{"private":true}\n');
    await mustRun('npm', ['install', '--no-audit', '--no-fund', `create-enterprise-mcp@${OLDER}`], { cwd: installed, env: registryEnv });
    await mustRun(CLI_NODE, [join(installed, 'node_modules/create-enterprise-mcp/bin/create-enterprise-mcp.js'), 'legacy', '--yes', '--no-install', '--no-git'], { cwd: parent, env });
    dir = join(parent, 'legacy');
    await mustRun('git', ['init', '-q', '--initial-branch=main'], { cwd: dir, env });
    await commitAll(dir, 'Generated');
  }, 300_000);
  afterAll(async () => {
    await registry?.stop();
    if (parent !== undefined) await rm(parent, { recursive: true, force: true });
  });

  const upgradeThroughRegistry = () => runCommand(CLI_NODE, [BIN, 'upgrade'], { cwd: dir, env: { ...env, ...registryEnv } });

  it('renders the base with the version that made the project, fetched through npm into its cache, and records the new one', async () => {
    const result = await upgradeThroughRegistry();
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain(`Upgraded legacy: from create-enterprise-mcp ${OLDER} from the npm registry to create-enterprise-mcp 0.1.0.`);
    expect(existsSync(join(cache, 'create-enterprise-mcp', 'generators', OLDER, 'node_modules', 'create-enterprise-mcp', 'package.json'))).toBe(true);
    expect(JSON.parse(await read(dir, 'enterprise-mcp.json'))).toMatchObject({ generatorVersion: '0.1.0' });
  });

  it('renders from its cache once fetched, with the registry gone', async () => {
    await mustRun('git', ['checkout', '--', '.'], { cwd: dir, env });
    await registry.stop();
    const result = await upgradeThroughRegistry();
    expect(result.exitCode, result.all).toBe(0);
    expect(JSON.parse(await read(dir, 'enterprise-mcp.json'))).toMatchObject({ generatorVersion: '0.1.0' });
  });

  it('says a version the registry never had was an unreleased build, and writes nothing', async () => {
    await mustRun('git', ['checkout', '--', '.'], { cwd: dir, env });
    registry = await startPackageRegistry(published);
    registryEnv = { ...registryEnv, npm_config_registry: registry.url };
    await edit(dir, 'enterprise-mcp.json', (text) => text.replace(`"generatorVersion": "${OLDER}"`, '"generatorVersion": "0.0.2"'));
    await commitAll(dir, 'A build that was never published');
    const result = await upgradeThroughRegistry();
    expect(result.exitCode).toBe(1);
    expect(result.all).toContain('create-enterprise-mcp 0.0.2, which made this project, is not on the npm registry: the project was made by an unreleased build. Nothing was written.');
    expect(result.all).toContain('upgrade --from-dir');
    expect((await run(dir, 'git', 'status', '--porcelain')).stdout).toBe('');
  });
});
