import { describe, expect, it } from 'vitest';
import { selectFeatures } from '../../src/features/index.js';
import { markerSchema, MARKER_FILE } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { allCombinations } from '../support/combinations.js';

const combinations = allCombinations();
const label = (options: (typeof combinations)[number]) =>
  `${options.upstream}/${options.auth}/${options.storage}/deploy=${options.deploy.join('+') || 'none'}/${options.packageManager}`;

describe.each(combinations.map((options) => [label(options), options] as const))('the file plan for %s', (_name, options) => {
  it('renders every template with the manifests as context', async () => {
    const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
    expect(tree.size).toBeGreaterThan(10);
  });

  it('writes a package.json that parses and pins exactly the manifest dependencies', async () => {
    const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
    const pkg = JSON.parse(tree.get('package.json')!.toString());
    const features = selectFeatures(options);
    expect(pkg.name).toBe('demo');
    expect(pkg.dependencies).toEqual(Object.fromEntries(features.dependencies.map((d) => [d.name, d.version])));
    expect(pkg.devDependencies).toEqual(Object.fromEntries(features.devDependencies.map((d) => [d.name, d.version])));
  });

  it('documents every environment variable of the manifests in .env.example', async () => {
    const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
    const example = tree.get('.env.example')!.toString();
    for (const envVar of selectFeatures(options).envVars) expect(example).toMatch(new RegExp(`^#? ?${envVar.name}=`, 'm'));
  });

  it('writes a marker the schema reads back as the same options', async () => {
    const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
    const marker = markerSchema.parse(JSON.parse(tree.get(MARKER_FILE)!.toString()));
    expect(marker).toEqual({ $schemaVersion: 1, generatorVersion: '0.0.0-test', options });
  });

  it('includes deploy files only for the chosen targets', async () => {
    const paths = [...(await planProject({ options, generatorVersion: '0.0.0-test' })).keys()];
    expect(paths.includes('Dockerfile')).toBe(options.deploy.includes('docker'));
    expect(paths.includes('.github/workflows/ci.yml')).toBe(options.deploy.includes('github-actions'));
  });

  it('leaves no Handlebars template unrendered', async () => {
    const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
    expect([...tree.keys()].filter((path) => path.endsWith('.hbs'))).toEqual([]);
  });
});

describe('the file list', () => {
  it('matches the snapshot for the defaults', async () => {
    const options = combinations.find((o) => o.deploy.join() === 'docker' && o.packageManager === 'npm')!;
    const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
    expect([...tree.keys()]).toMatchSnapshot();
  });

  it('matches the snapshot with every deploy target', async () => {
    const options = combinations.find((o) => o.deploy.length === 2 && o.packageManager === 'npm')!;
    const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
    expect([...tree.keys()]).toMatchSnapshot();
  });
});

describe('the registries', () => {
  const netsuite = combinations.find((o) => o.upstream === 'netsuite')!;

  it("list the tools the upstream's overlay adds, beside the base tools", async () => {
    const registry = (await planProject({ options: netsuite, generatorVersion: '0.0.0-test' })).get('src/tools/index.ts')!.toString();
    expect(registry).toContain("import netsuiteSuiteqlTool from './netsuite-suiteql.js';");
    expect(registry).toContain("import echoTool from './echo.js';");
    expect(registry).not.toContain('api-get-item');
  });

  it('render the NetSuite account ID chosen at generation as the configuration default', async () => {
    const options = { ...netsuite, netsuite: { accountId: '1234567_SB1' } };
    const config = (await planProject({ options, generatorVersion: '0.0.0-test' })).get('src/upstream/config.ts')!.toString();
    expect(config).toContain("'1234567_SB1'");
  });

  it('render the Salesforce login URL and API version chosen at generation as configuration defaults', async () => {
    const salesforce = combinations.find((o) => o.upstream === 'salesforce')!;
    const options = { ...salesforce, salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '65.0' } };
    const config = (await planProject({ options, generatorVersion: '0.0.0-test' })).get('src/upstream/config.ts')!.toString();
    expect(config).toContain("'https://acme.my.salesforce.com'");
    expect(config).toContain("'65.0'");
  });
});
