import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER_FILE } from '../../src/options/schema.js';
import { filesDigest } from '../../src/render/files-digest.js';
import { planProject } from '../../src/render/plan.js';
import { renderBaseTree } from '../../src/upgrade/base-tree.js';
import { checkoutGenerator } from '../../src/upgrade/generator.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

describe('the base of an upgrade', () => {
  it("is this generator's own render when it made the project, checked against the recorded digest", async () => {
    const made = await planProject({ options: DEFAULT_DEMO_OPTIONS, generatorVersion: '0.1.0' });
    const base = await renderBaseTree({ generatorVersion: '0.1.0', filesDigest: filesDigest(made, [MARKER_FILE]), options: DEFAULT_DEMO_OPTIONS }, '0.1.0', undefined);
    const withoutMarker = (tree: Map<string, Buffer>) => [...tree].filter(([path]) => path !== MARKER_FILE);
    expect(withoutMarker(base.tree)).toEqual(withoutMarker(made));
  });

  it('is refused when this build of the same version renders other files than made the project', async () => {
    const recorded = { generatorVersion: '0.1.0', filesDigest: 'sha256:0000', options: DEFAULT_DEMO_OPTIONS };
    await expect(renderBaseTree(recorded, '0.1.0', undefined)).rejects.toThrow(/renders other files than the ones that made this project/);
  });

  it('needs --from-dir for a project made before markers recorded a digest, and says so', async () => {
    const recorded = { generatorVersion: '0.1.0', options: DEFAULT_DEMO_OPTIONS };
    await expect(renderBaseTree(recorded, '0.1.0', undefined)).rejects.toThrow(/from before releases recorded what they wrote/);
  });
});

describe('a generator in a local checkout', () => {
  it('is refused when the folder is no checkout of create-enterprise-mcp', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cem-not-a-checkout-'));
    await writeFile(join(dir, 'package.json'), '{"name":"something-else","version":"1.0.0"}');
    expect(() => checkoutGenerator(dir)).toThrow(/is not a checkout of create-enterprise-mcp/);
  });

  it('is refused until the checkout is built, with the command that builds it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cem-unbuilt-'));
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'package.json'), '{"name":"create-enterprise-mcp","version":"0.1.0"}');
    expect(() => checkoutGenerator(dir)).toThrow(/is not built/);
  });
});
