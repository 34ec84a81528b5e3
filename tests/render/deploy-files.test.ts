import { actionlint } from '../support/actionlint.js';
import { describe, expect, it } from 'vitest';
import { PACKAGE_MANAGER_COMMANDS } from '../../src/options/package-manager.js';
import { PACKAGE_MANAGERS, type DeployTarget, type PackageManager, type StorageBackend } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

/**
 * The deploy files as rendered, checked by reading them and by actionlint. The end-to-end suite builds
 * and runs the image with a real Docker engine (tests/e2e/deploy-docker.test.ts).
 */
async function deployFiles(packageManager: PackageManager, storage: StorageBackend = DEFAULT_DEMO_OPTIONS.storage, deploy: DeployTarget[] = ['docker', 'github-actions']) {
  const tree = await planProject({
    options: { ...DEFAULT_DEMO_OPTIONS, packageManager, storage, deploy },
    generatorVersion: '0.0.0-test',
  });
  const read = (path: string) => tree.get(path)?.toString() ?? '';
  return {
    dockerfile: read('Dockerfile'),
    dockerignore: read('.dockerignore'),
    gitignore: read('.gitignore'),
    workflow: read('.github/workflows/ci.yml'),
    release: tree.get('.github/workflows/release.yml')?.toString(),
    dependabot: read('.github/dependabot.yml'),
    workflows: [...tree.keys()].filter((path) => path.startsWith('.github/workflows/')).map((path) => ({ path, content: read(path) })),
    pkg: JSON.parse(read('package.json')),
  };
}

/** Dockerfile instructions, with line continuations joined. */
function instructions(dockerfile: string): string[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe.each(PACKAGE_MANAGERS)('deploy files for a %s project', (packageManager) => {
  const commands = PACKAGE_MANAGER_COMMANDS[packageManager];

  it('builds the image in two stages from one base image, and ships only the runtime stage', async () => {
    const from = instructions((await deployFiles(packageManager)).dockerfile).filter((line) => line.startsWith('FROM '));
    expect(from).toEqual([expect.stringMatching(/^FROM node:\d+-bookworm-slim AS node$/), 'FROM node AS build', 'FROM node']);
  });

  it('installs from the lockfile the package manager writes', async () => {
    const lines = instructions((await deployFiles(packageManager)).dockerfile);
    expect(lines).toContain(`COPY package.json ${commands.lockfile} ./`);
    expect(lines).toContain(`RUN ${commands.ci}`);
  });

  it('runs as the unprivileged node user, after everything is copied', async () => {
    const lines = instructions((await deployFiles(packageManager)).dockerfile);
    const user = lines.indexOf('USER node');
    expect(user).toBeGreaterThan(lines.findLastIndex((line) => line.startsWith('COPY ')));
  });

  it('probes /healthz with Node itself, since slim images have no curl', async () => {
    const healthcheck = instructions((await deployFiles(packageManager)).dockerfile).find((line) => line.startsWith('HEALTHCHECK'));
    expect(healthcheck).toContain('/healthz');
    expect(healthcheck).toContain('"node"');
  });

  it('binds all interfaces in the image but never switches off the unauthenticated-bind guard', async () => {
    const { dockerfile } = await deployFiles(packageManager);
    expect(dockerfile).toContain('HOST=0.0.0.0');
    expect(dockerfile).not.toContain('ALLOW_UNAUTHENTICATED_REMOTE');
  });

  it('keeps local state and secrets out of the build context', async () => {
    const ignored = (await deployFiles(packageManager)).dockerignore.split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env']));
  });

  it('runs install, type-check, tests and build in CI with the same package manager', async () => {
    const { workflow } = await deployFiles(packageManager);
    for (const step of [commands.ci, `${commands.run} typecheck`, `${commands.run} test`, `${commands.run} build`]) {
      expect(workflow).toContain(`run: ${step}`);
    }
  });

  it('pins the package manager release the image and CI set up', async () => {
    const { pkg } = await deployFiles(packageManager);
    expect(pkg.packageManager).toBe(commands.pin || undefined);
  });
});

describe('the Node.js releases deploy files use', () => {
  it('CI tests every supported major: the engines floor and the one the image runs', async () => {
    const { workflow, dockerfile, pkg } = await deployFiles('npm');
    const matrix = workflow.match(/^\s+node-version: \[(.*)\]$/m)?.[1];
    const floorMajor = String(pkg.engines.node).match(/^>=(\d+)\./)?.[1];
    const imageMajor = dockerfile.match(/^FROM node:(\d+)-/m)?.[1];
    expect(matrix?.split(',').map((entry) => entry.trim().replace(/'/g, ''))).toEqual([floorMajor, imageMajor]);
    expect(workflow).toContain('node-version: ${{ matrix.node-version }}');
  });

  it('runs the image on Node.js 24, named once for both stages', async () => {
    const from = instructions((await deployFiles('npm')).dockerfile).filter((line) => line.startsWith('FROM node:'));
    expect(from).toEqual(['FROM node:24-bookworm-slim AS node']);
  });

  it('builds the container image once, not once per Node.js version', async () => {
    const { workflow } = await deployFiles('npm');
    expect(workflow.match(/docker build/g)).toHaveLength(1);
    expect(workflow.slice(workflow.indexOf('docker build'))).not.toContain('matrix');
  });
});

describe("where a project's store keeps its data", () => {
  it('with SQLite, the image creates the data folder for the unprivileged user and keeps it on a volume', async () => {
    const lines = instructions((await deployFiles('npm', 'sqlite')).dockerfile);
    const volume = lines.indexOf('VOLUME /app/data');
    expect(lines[volume - 1]).toBe('RUN install -d -o node -g node /app/data');
    expect(volume).toBeLessThan(lines.indexOf('USER node'));
  });

  it('with SQLite, the data folder stays out of git and of the image build context', async () => {
    const { gitignore, dockerignore } = await deployFiles('npm', 'sqlite');
    expect(gitignore.split('\n')).toContain('data/');
    expect(dockerignore.split('\n')).toContain('data');
  });

  it.each(['memory', 'cosmos'] as const)('with the %s store, the image has no data folder or volume, and the ignore files name none', async (storage) => {
    const { dockerfile, dockerignore, gitignore } = await deployFiles('npm', storage);
    expect(dockerfile).not.toMatch(/VOLUME|\/app\/data/);
    expect(`${gitignore}${dockerignore}`).not.toMatch(/^data/m);
  });
});

describe('the services CI starts for the tests', () => {
  it('include a Redis, where REDIS_URL points by default, for a project that keeps its state in Redis', async () => {
    const { workflow } = await deployFiles('npm', 'redis');
    const test = workflow.slice(workflow.indexOf('  test:'), workflow.indexOf('    steps:'));
    expect(test).toMatch(/^ {4}services:\n {6}redis:\n {8}image: redis:\d+\n {8}ports:\n {10}- 6379:6379$/m);
  });

  it('include a PostgreSQL with the database the tests use by default, for a project that keeps its state there', async () => {
    const { workflow } = await deployFiles('npm', 'postgres');
    const test = workflow.slice(workflow.indexOf('  test:'), workflow.indexOf('    steps:'));
    expect(test).toMatch(/^ {4}services:\n {6}postgres:\n {8}image: postgres:\d+\n {8}env:\n {10}POSTGRES_DB: test\n {10}POSTGRES_HOST_AUTH_METHOD: trust\n {8}ports:\n {10}- 5432:5432$/m);
  });

  it.each(['memory', 'cosmos'] as const)('are none for a project whose store needs no server to test (%s: the Cosmos DB emulator runs inside the tests)', async (storage) => {
    expect((await deployFiles('npm', storage)).workflow).not.toContain('services:');
  });
});

describe('the container image', () => {
  it('is stopped with SIGTERM, which the server drains on', async () => {
    expect(instructions((await deployFiles('npm')).dockerfile)).toContain('STOPSIGNAL SIGTERM');
  });

  it('carries OCI labels naming the project and its base image', async () => {
    const label = instructions((await deployFiles('npm')).dockerfile).find((line) => line.startsWith('LABEL '));
    expect(label).toContain('org.opencontainers.image.title="demo"');
    expect(label).toContain('org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim"');
  });

  it('keeps keys and npm credentials out of the build context', async () => {
    const ignored = (await deployFiles('npm')).dockerignore.split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.npmrc', '*.pem', '*.key']));
  });
});

const WORKFLOW_SETS = [
  { packageManager: 'npm', storage: 'sqlite', deploy: ['docker', 'github-actions'] },
  { packageManager: 'pnpm', storage: 'redis', deploy: ['docker', 'github-actions'] },
  { packageManager: 'npm', storage: 'postgres', deploy: ['github-actions'] },
  { packageManager: 'pnpm', storage: 'memory', deploy: ['github-actions'] },
] as const;

describe.each(WORKFLOW_SETS)('the GitHub Actions workflows ($packageManager, $storage, $deploy)', ({ packageManager, storage, deploy }) => {
  const files = () => deployFiles(packageManager, storage, [...deploy]);

  it('pass actionlint', async () => {
    for (const { path, content } of (await files()).workflows) {
      expect(await actionlint(content, path), path).toEqual([]);
    }
  });

  it('use every action at a full commit, its release named in a comment', async () => {
    for (const { content } of (await files()).workflows) {
      const uses = content.match(/^\s+(?:- )?uses: .*$/gm) ?? [];
      expect(uses.length).toBeGreaterThan(0);
      for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('let the workflow token only read the repository, except where the release publishes the image', async () => {
    const { workflow } = await files();
    expect(workflow).toMatch(/^permissions:\n {2}contents: read\n/m);
    expect(workflow).not.toMatch(/: write$/m);
  });
});

describe('the release workflow', () => {
  it('is there where the project has a container image, and publishes it on version tags', async () => {
    const { release } = await deployFiles('npm', 'sqlite', ['docker', 'github-actions']);
    expect(release).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*\.\*\.\*'\]$/m);
    expect(release).toContain('images: ghcr.io/${{ github.repository }}');
  });

  it('asks for nothing by default, and for package writes in the publishing job only', async () => {
    const { release } = await deployFiles('npm', 'sqlite', ['docker', 'github-actions']);
    expect(release).toMatch(/^permissions: \{\}$/m);
    expect(release).toMatch(/^ {4}permissions:\n {6}contents: read\n(?: {6}#.*\n)? {6}packages: write$/m);
  });

  it('attaches build provenance and an SBOM to the image', async () => {
    const { release } = await deployFiles('npm', 'sqlite', ['docker', 'github-actions']);
    expect(release).toContain('provenance: mode=max');
    expect(release).toContain('sbom: true');
  });

  it('is not there without a container image to publish', async () => {
    expect((await deployFiles('npm', 'sqlite', ['github-actions'])).release).toBeUndefined();
  });
});

describe('Dependabot', () => {
  it('keeps the actions and the packages current, and the base image where there is one', async () => {
    const ecosystems = (deploy: DeployTarget[]) => deployFiles('npm', 'sqlite', deploy).then(({ dependabot }) => [...dependabot.matchAll(/package-ecosystem: (\S+)/g)].map((match) => match[1]));
    expect(await ecosystems(['docker', 'github-actions'])).toEqual(['github-actions', 'npm', 'docker']);
    expect(await ecosystems(['github-actions'])).toEqual(['github-actions', 'npm']);
  });
});
