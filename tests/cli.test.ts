import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { addCommand, type AddFlags } from '../src/commands/add.js';
import type { CapabilityKind } from '../src/options/capability-name.js';
import { planProject } from '../src/render/plan.js';
import { DEFAULT_DEMO_OPTIONS } from './support/defaults.js';
import { captureStdout, memfsProject, PROJECT_ROOT } from './support/memfs-project.js';

/** The built bin, exactly as `npx create-enterprise-mcp` runs it (`npm test` builds first). */
const BIN = resolve('bin/create-enterprise-mcp.js');

/**
 * Each test starts Node at least once, and some run git or a failing npm install. On a two-core
 * machine busy with installs, one such start has taken over 5 s (vitest's default): the limit only
 * catches a hang.
 */
const SPAWNING = { timeout: 120_000 };

/** A registry that refuses connections and an empty cache: an install fails fast and for sure. */
async function failingRegistry(): Promise<Record<string, string>> {
  const cache = await mkdtemp(join(tmpdir(), 'cem-empty-cache-'));
  return { npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: cache, npm_config_fetch_retries: '0' };
}

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'cem-cli-'));
});

function cli(...args: string[]) {
  // No TTY on stdin: the CLI must never wait for an answer here.
  return execa('node', [BIN, ...args], { cwd, reject: false, stdin: 'ignore', env: { NO_COLOR: '1', CI: 'true' } });
}

describe('create-enterprise-mcp', SPAWNING, () => {
  it('documents every option and its allowed values in --help', async () => {
    const { stdout, exitCode } = await cli('--help');
    expect(exitCode).toBe(0);
    for (const text of ['--upstream', '--auth', '--storage', '--deploy', '--package-manager', '--no-install', '--no-git', '--yes', '--dry-run', 'generic', 'memory', 'github-actions']) {
      expect(stdout).toContain(text);
    }
  });

  it('prints its version', async () => {
    for (const flag of ['--version', '-v']) {
      const { stdout, exitCode } = await cli(flag);
      expect(exitCode).toBe(0);
      expect(stdout.trim()).toBe(JSON.parse(await readFile('package.json', 'utf8')).version);
    }
  });

  it('rejects an unknown option value, naming the allowed ones', async () => {
    const { stderr, exitCode } = await cli('demo', '--storage', 'mongodb', '--yes');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('mongodb');
    expect(stderr).toContain('memory');
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
  });

  it('rejects an unknown deploy target', async () => {
    const { stderr, exitCode } = await cli('demo', '--deploy', 'docker,k8s', '--yes');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('Unknown deploy target k8s');
  });

  it('rejects an unknown flag with a hint', async () => {
    const { stderr, exitCode } = await cli('demo', '--frobnicate');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('--frobnicate');
    expect(stderr).toContain('--help');
  });

  it('lists the flags to pass when answers are missing and there is no terminal', async () => {
    const { stderr, exitCode } = await cli('demo');
    expect(exitCode).toBe(1);
    for (const flag of ['--upstream', '--auth', '--storage', '--deploy', '--package-manager', '--install', '--git', '--yes']) {
      expect(stderr).toContain(flag);
    }
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
  });

  it('refuses a non-empty directory and leaves it as it was', async () => {
    await mkdir(join(cwd, 'demo'));
    await writeFile(join(cwd, 'demo/keep.txt'), 'keep');
    const { stderr, exitCode } = await cli('demo', '--yes', '--no-install', '--no-git');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('demo is not empty');
    expect(await readdir(join(cwd, 'demo'))).toEqual(['keep.txt']);
  });

  it('prints the plan and writes nothing with --dry-run', async () => {
    const { stdout, exitCode } = await cli('demo', '--yes', '--dry-run');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('CREATE demo/package.json');
    expect(stdout).toContain('CREATE demo/src/main.ts');
    expect(stdout).toContain('nothing was written');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('writes the project with the defaults and records its options', async () => {
    const { stdout, exitCode } = await cli('demo', '--yes', '--no-install', '--no-git');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Created demo');
    const marker = JSON.parse(await readFile(join(cwd, 'demo/enterprise-mcp.json'), 'utf8'));
    expect(marker.options).toEqual(DEFAULT_DEMO_OPTIONS);
    expect(existsSync(join(cwd, 'demo/.gitignore'))).toBe(true);
    expect(existsSync(join(cwd, 'demo/.git'))).toBe(false);
  });

  it('initialises git with a first commit when asked', async () => {
    const { exitCode } = await cli('demo', '--yes', '--no-install', '--git');
    expect(exitCode).toBe(0);
    const log = await execa('git', ['log', '--oneline'], { cwd: join(cwd, 'demo') });
    expect(log.stdout).toContain('Initial commit');
  });

  it('refuses an invalid package name and suggests one', async () => {
    const { stderr, exitCode } = await cli('My Server', '--yes', '--no-install', '--no-git');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('--name my-server');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('keeps the project and explains how to retry when the install fails', async () => {
    const result = await execa('node', [BIN, 'demo', '--yes', '--no-git'], {
      cwd,
      reject: false,
      stdin: 'ignore',
      env: { NO_COLOR: '1', CI: 'true', ...(await failingRegistry()) },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain('cd demo && npm install');
    expect(existsSync(join(cwd, 'demo/package.json'))).toBe(true);
  });

  it('reports a non-empty directory before asking for anything else', async () => {
    await mkdir(join(cwd, 'demo'));
    await writeFile(join(cwd, 'demo/keep.txt'), 'keep');
    const { stderr, exitCode } = await cli('demo');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('demo is not empty');
    expect(stderr).not.toContain('Missing answers');
  });

  it('names the settings a project needs in its next steps, and the lockfile its deploy files install from', async () => {
    const { stdout, exitCode } = await cli('demo', '--yes', '--upstream', 'keycloak', '--auth', 'jwt', '--deploy', 'docker,github-actions', '--no-install', '--no-git');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('cp .env.example .env');
    for (const variable of ['KEYCLOAK_URL', 'KEYCLOAK_REALM', 'KEYCLOAK_CLIENT_ID', 'UPSTREAM_API_URL', 'UPSTREAM_CLIENT_SECRET']) expect(stdout).toContain(variable);
    expect(stdout).toContain('npm install   # writes package-lock.json: commit it, the Dockerfile and the CI workflow install from it');
  });
});

/** Every file under `dir`, by posix path relative to it, as text. */
async function filesUnder(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [relative(dir, file).split(sep).join('/'), await readFile(file, 'utf8')] as const)));
}

// The bin runs the bundle, whose templates were compiled when it was built; the source compiles them as it renders.
describe('the built CLI', SPAWNING, () => {
  it('writes byte for byte the project its templates render', async () => {
    for (const flags of [['--upstream', 'netsuite', '--deploy', 'docker,github-actions'], ['--upstream', 'salesforce']]) {
      const directory = flags[1] ?? 'demo';
      expect((await cli(directory, '--yes', '--no-install', '--no-git', ...flags)).exitCode).toBe(0);
      const written = await filesUnder(join(cwd, directory));
      const marker = JSON.parse(written['enterprise-mcp.json'] ?? '');
      const planned = await planProject({ options: marker.options, generatorVersion: marker.generatorVersion });
      expect(written).toEqual(Object.fromEntries([...planned].map(([path, content]) => [path, content.toString('utf8')])));
    }
  });

  it('adds byte for byte the files its add templates render', async () => {
    const additions: Array<[CapabilityKind, string, AddFlags, string[]]> = [
      ['tool', 'find-order', { description: 'Finds an order.', upstreamCall: true }, ['--description', 'Finds an order.', '--upstream-call']],
      ['resource', 'order', { description: 'One order.', uri: 'order://{id}' }, ['--description', 'One order.', '--uri', 'order://{id}']],
      ['prompt', 'summarise', { description: 'Summarises an order.', args: ['order_id', 'tone?'] }, ['--description', 'Summarises an order.', '--args', 'order_id,tone?']],
    ];
    expect((await cli('demo', '--yes', '--no-install', '--no-git', '--upstream', 'netsuite')).exitCode).toBe(0);
    const marker = JSON.parse(await readFile(join(cwd, 'demo/enterprise-mcp.json'), 'utf8'));
    const project = await memfsProject(marker.options);
    const stdout = captureStdout();
    try {
      for (const [kind, name, flags, args] of additions) {
        const { exitCode } = await execa('node', [BIN, 'add', kind, name, ...args], { cwd: join(cwd, 'demo'), reject: false, stdin: 'ignore', env: { NO_COLOR: '1', CI: 'true' } });
        expect(exitCode).toBe(0);
        await addCommand(kind, name, flags, project.deps());
      }
    } finally {
      stdout.restore();
    }
    const added = Object.entries(project.snapshot()).filter(([path]) => /\/(tools|resources|prompts)\//.test(path));
    expect(added.length).toBeGreaterThan(6);
    for (const [path, content] of added) expect(await readFile(join(cwd, 'demo', relative(PROJECT_ROOT, path)), 'utf8')).toBe(content);
  });
});

describe('help', SPAWNING, () => {
  it('shows the help of a command with help <command>', async () => {
    const { stdout, exitCode } = await cli('help', 'add');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: create-enterprise-mcp add');
    for (const kind of ['tool', 'resource', 'prompt']) expect(stdout).toContain(kind);
  });

  it('shows the help with help alone', async () => {
    const { stdout, exitCode } = await cli('help');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: create-enterprise-mcp');
  });

  it('never takes help for a directory name, whatever flags follow it', async () => {
    const { stdout, exitCode } = await cli('help', '--yes', '--dry-run');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: create-enterprise-mcp');
    expect(stdout).not.toContain('CREATE');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('names the commands there are when asked for help on one that is not', async () => {
    const { stderr, exitCode } = await cli('help', 'ad');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('"ad" is not a command. Commands: add, upgrade, help.');
  });
});

describe('upgrade', SPAWNING, () => {
  it('documents its option changes and safety flags in --help', async () => {
    const { stdout, exitCode } = await cli('upgrade', '--help');
    expect(exitCode).toBe(0);
    for (const text of ['--auth', '--storage', '--deploy', '+kubernetes', '--from-dir', '--dry-run', '--allow-dirty']) expect(stdout).toContain(text);
  });

  it('says where it looked when run outside a generated project', async () => {
    const { stderr, exitCode } = await cli('upgrade');
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`No enterprise-mcp.json found in ${cwd} or any folder above it.`);
  });

  it('refuses a deploy list that mixes targets and changes to them, before reading the project', async () => {
    const { stderr, exitCode } = await cli('upgrade', '--deploy', 'docker,+kubernetes');
    expect(exitCode).toBe(1);
    expect(stderr).toContain('--deploy docker,+kubernetes mixes a whole list with changes to it.');
  });
});

describe('package managers', SPAWNING, () => {
  it('says how to get pnpm, before writing anything, when the install would need it and it is missing', async () => {
    // PATH holds node alone, as on a machine where pnpm was never installed.
    const bin = await mkdtemp(join(tmpdir(), 'cem-node-only-'));
    await symlink(process.execPath, join(bin, 'node'));
    const { stderr, exitCode } = await execa(join(bin, 'node'), [BIN, 'demo', '--yes', '--package-manager', 'pnpm', '--no-git'], {
      cwd,
      reject: false,
      stdin: 'ignore',
      env: { NO_COLOR: '1', CI: 'true', PATH: bin },
      extendEnv: false,
    });
    expect(exitCode).toBe(1);
    expect(stderr).toContain('pnpm is not installed');
    expect(stderr).toContain('corepack enable pnpm');
    expect(stderr).not.toContain('ENOENT');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('says so in one line when yarn launched it and npm is used instead', async () => {
    const { stderr, exitCode } = await execa('node', [BIN, 'demo', '--yes', '--dry-run'], {
      cwd,
      reject: false,
      stdin: 'ignore',
      env: { NO_COLOR: '1', CI: 'true', npm_config_user_agent: 'yarn/1.22.19 npm/? node/v20.18.0 linux x64' },
    });
    expect(exitCode).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning yarn launched this, .*npm and pnpm only: using npm/)]);
  });
});

describe('output that is not a terminal', SPAWNING, () => {
  it('ends the run quietly when stdout closes, before anything is written', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--yes', '--no-git'], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
    // The reader leaves at once, as `| head -1` does after its line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((done) => child.on('close', done));
    expect(exitCode).toBe(141);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(stderr.trim()).toBe('Stopped: stdout was closed before the project was written. Nothing was written.');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('prints no spinner frames into a pipe or a file', async () => {
    const { stdout } = await execa('node', [BIN, 'demo', '--yes', '--no-git'], {
      cwd,
      reject: false,
      stdin: 'ignore',
      // Not in CI mode: there clack's spinner already draws fewer frames.
      env: { NO_COLOR: '1', CI: 'false', ...(await failingRegistry()) },
    });
    expect(stdout).toContain('Installing dependencies with npm…');
    expect(stdout).toContain('Dependency install failed');
    expect(stdout).not.toMatch(/[◒◐◓◑]/);
  });
});

