import { describe, expect, it } from 'vitest';
import { VERSIONS } from '../../src/features/versions.js';
import type { PackageManager } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

async function packageJson(packageManager: PackageManager) {
  const tree = await planProject({ options: { ...DEFAULT_DEMO_OPTIONS, packageManager }, generatorVersion: '0.0.0-test' });
  return JSON.parse(tree.get('package.json')!.toString());
}

const major = (version: string) => version.match(/(\d+)\./)?.[1];

describe('the Node.js a generated project declares', () => {
  it("is 22.13 or newer: Node.js 20 is past its end of life, and 22.13 is the first 22 with node:sqlite unflagged", async () => {
    expect((await packageJson('npm')).engines).toEqual({ node: '>=22.13' });
  });

  it('matches the Node.js types to the oldest supported major', async () => {
    const pkg = await packageJson('npm');
    expect(major(pkg.devDependencies['@types/node'])).toBe(major(pkg.engines.node));
  });
});

describe('install scripts a generated project approves', () => {
  it('npm: esbuild in allowScripts, so npm install asks about nothing', async () => {
    const pkg = await packageJson('npm');
    expect(pkg.allowScripts).toEqual({ esbuild: true });
    expect(pkg.pnpm).toBeUndefined();
  });

  it('pnpm: esbuild in onlyBuiltDependencies, so pnpm install ignores no build script', async () => {
    const pkg = await packageJson('pnpm');
    expect(pkg.pnpm).toEqual({ onlyBuiltDependencies: ['esbuild'] });
    expect(pkg.allowScripts).toBeUndefined();
  });
});

describe('the inspect script', () => {
  it.each([
    ['npm', 'npx --yes'],
    ['pnpm', 'pnpm dlx'],
  ] as const)('%s: runs the pinned Inspector without asking to install it', async (packageManager, runner) => {
    const { scripts } = await packageJson(packageManager);
    expect(scripts.inspect).toBe(`${runner} @modelcontextprotocol/inspector@${VERSIONS['@modelcontextprotocol/inspector']} -- tsx src/main.ts --stdio`);
  });

  it('pins an exact Inspector release', () => {
    expect(VERSIONS['@modelcontextprotocol/inspector']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
