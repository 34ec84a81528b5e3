import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectOptions } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

const repositoryReadme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

async function plan(options: ProjectOptions = DEFAULT_DEMO_OPTIONS) {
  return planProject({ options, generatorVersion: '0.0.0-test' });
}

/** Wire names of the tools a project serves, read from its tool files. */
function servedTools(tree: Map<string, Buffer>): string[] {
  return [...tree.entries()]
    .filter(([path]) => /^src\/tools\/[^/]+\.ts$/.test(path) && path !== 'src/tools/index.ts')
    .map(([path, bytes]) => {
      const name = bytes.toString().match(/defineTool\(\{\s*name: '([a-z0-9_]+)'/)?.[1];
      if (name === undefined) throw new Error(`no tool name in ${path}`);
      return name;
    })
    .sort();
}

describe("the repository README's demo", () => {
  it('reports as many files as `create-enterprise-mcp demo --yes` writes', async () => {
    const reported = Number(repositoryReadme.match(/^Created demo in demo \((\d+) files\)\.$/m)?.[1]);
    expect(reported).toBe((await plan()).size);
  });

  it('names every tool the demo serves, and no other', async () => {
    const paragraph = repositoryReadme.slice(repositoryReadme.indexOf('Point any MCP client at'));
    const named = [...paragraph.slice(0, paragraph.indexOf('\n\n')).matchAll(/`([a-z][a-z0-9_]*)`/g)].map((match) => match[1]);
    expect(named.sort()).toEqual(servedTools(await plan()));
  });
});

describe.each(['npm', 'pnpm'] as const)('what a generated %s project says about itself', (packageManager) => {
  const options: ProjectOptions = { ...DEFAULT_DEMO_OPTIONS, packageManager };

  it('requires the Node.js its package.json declares', async () => {
    const tree = await plan(options);
    const floor = JSON.parse(tree.get('package.json')!.toString()).engines.node.replace('>=', '');
    expect(tree.get('README.md')!.toString()).toContain(`Requires Node.js ${floor} or newer.`);
  });

  it('gives measured test times instead of promising seconds', async () => {
    const tree = await plan(options);
    for (const doc of ['README.md', 'AGENTS.md']) {
      expect(tree.get(doc)!.toString(), doc).not.toMatch(/few seconds/);
    }
    expect(tree.get('README.md')!.toString().replace(/\s+/g, ' ')).toMatch(/on a two-core .* a whole run took \d+–\d+ s /);
  });
});

describe("a generated README's quick start", () => {
  const quickStart = (readme: string) => readme.slice(readme.indexOf('## Quick start'), readme.indexOf('Check it answers'));

  it('names the settings a token-verifying NetSuite project must set before it does its job, as the next steps do', async () => {
    const options: ProjectOptions = { ...DEFAULT_DEMO_OPTIONS, upstream: 'netsuite', netsuite: {}, auth: 'jwt' };
    const text = quickStart((await plan(options)).get('README.md')!.toString());
    expect(text).toMatch(/required to start: +OIDC_ISSUER\n/);
    expect(text).toMatch(/needed by the upstream tools: NETSUITE_ACCOUNT_ID, NETSUITE_CLIENT_ID, NETSUITE_CERTIFICATE_ID, NETSUITE_PRIVATE_KEY\n/);
    expect(text).not.toContain('optional');
  });
});
