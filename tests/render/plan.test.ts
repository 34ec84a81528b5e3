import { filesDigest } from '../../src/render/files-digest.js';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { selectUnits } from '../../src/features/select.js';
import { DEPLOY_TARGETS, markerSchema, MARKER_FILE } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { REGISTRIES, REGISTRY_FILE } from '../../src/render/registry.js';
import { expectForEvery } from '../support/combinations.js';
import { moduleSpecifiers } from '../support/import-graph.js';
import { renderEveryCombination, TEST_GENERATOR_VERSION, type RenderedCombination } from '../support/rendered-combinations.js';
import { layerFiles, templateBytes } from '../support/template-layers.js';

const rendered = await renderEveryCombination();
const everyCombination = (check: (combination: RenderedCombination) => void) => expectForEvery(rendered, (combination) => combination.name, check);
const text = (combination: RenderedCombination, path: string) => {
  const content = combination.tree.get(path);
  if (content === undefined) throw new Error(`${path} is missing`);
  return content.toString('utf8');
};

// Each test below checks all combinations at once: generous time for a loaded machine.
describe(`the file plan of every accepted combination (${rendered.length})`, { timeout: 60_000 }, () => {
  it('holds each file of the chosen layers once, from the last layer that has it, plus the registries and the marker', () => {
    everyCombination(({ options, tree }) => {
      const origins = layerFiles(selectUnits(options).layers, { shortName: options.projectName });
      const generated = [...Object.values(REGISTRIES).map(({ dir }) => `${dir}/${REGISTRY_FILE}`), MARKER_FILE];
      expect([...tree.keys()]).toEqual([...new Set([...origins.keys(), ...generated])].sort());
      for (const [path, template] of origins) {
        if (generated.includes(path)) continue;
        const content = tree.get(path)!;
        if (template.endsWith('.hbs')) expect(content.toString('utf8').trim(), `${path} rendered from ${template}`).not.toBe('');
        else expect(content.equals(templateBytes(template)), `${path} is a byte-for-byte copy of ${template}`).toBe(true);
      }
    });
  });

  it('leaves no Handlebars template unrendered', () => {
    everyCombination(({ tree }) => expect([...tree.keys()].filter((path) => path.endsWith('.hbs'))).toEqual([]));
  });

  it('registers in each registry exactly the capability files of its directory', () => {
    everyCombination((combination) => {
      for (const { dir, exportName } of Object.values(REGISTRIES)) {
        const capabilities = [...combination.tree.keys()]
          .filter((path) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/') && path !== `${dir}/${REGISTRY_FILE}`)
          .map((path) => path.slice(dir.length + 1).replace(/\.ts$/, '.js'));
        const registry = text(combination, `${dir}/${REGISTRY_FILE}`);
        const imports = [...registry.matchAll(/^import (\w+) from '\.\/([^']+)';$/gm)];
        expect(imports.map((match) => match[2]).sort(), `${dir}/${REGISTRY_FILE} imports`).toEqual(capabilities.sort());
        const listed = registry.slice(registry.indexOf(`export const ${exportName} = [`));
        for (const [, identifier] of imports) expect(listed, `${dir}/${REGISTRY_FILE} lists ${identifier}`).toContain(`  ${identifier},`);
      }
    });
  });

  it('writes a package.json that parses and pins exactly the dependencies of the selected units', () => {
    everyCombination((combination) => {
      const pkg = JSON.parse(text(combination, 'package.json'));
      const features = selectUnits(combination.options);
      expect(pkg.name).toBe('demo');
      expect(pkg.dependencies).toEqual(Object.fromEntries(features.dependencies.map((d) => [d.name, d.version])));
      expect(pkg.devDependencies).toEqual(Object.fromEntries(features.devDependencies.map((d) => [d.name, d.version])));
    });
  });

  it('imports only Node built-ins and the packages its package.json declares', () => {
    // Type-checks run against one node_modules holding every package any project can get, so an
    // import of a package this project does not declare would pass there and fail a real install.
    everyCombination((combination) => {
      const pkg = JSON.parse(text(combination, 'package.json'));
      const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
      const undeclared = [...combination.tree]
        .filter(([path]) => path.endsWith('.ts'))
        .flatMap(([path, content]) => importedPackages(content).filter((name) => !declared.has(name)).map((name) => `${name} (in ${path})`));
      expect(undeclared).toEqual([]);
    });
  });

  it('documents every environment variable of the selected units in .env.example', () => {
    everyCombination((combination) => {
      const example = text(combination, '.env.example');
      for (const envVar of selectUnits(combination.options).envVars) expect(example).toMatch(new RegExp(`^#? ?${envVar.name}=`, 'm'));
    });
  });

  it('writes a marker the schema reads back as the same options', () => {
    everyCombination((combination) => {
      const marker = markerSchema.parse(JSON.parse(text(combination, MARKER_FILE)));
      expect(marker).toEqual({ $schemaVersion: 1, generatorVersion: TEST_GENERATOR_VERSION, filesDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), options: combination.options });
    });
  });

  it('records in the marker the digest of every other file it writes', () => {
    everyCombination((combination) => {
      const marker = markerSchema.parse(JSON.parse(text(combination, MARKER_FILE)));
      expect(marker.filesDigest).toBe(filesDigest(combination.tree, [MARKER_FILE]));
    });
  });

  it('includes deploy files only for the chosen targets', () => {
    everyCombination(({ options, tree }) => {
      expect(tree.has('Dockerfile'), 'Dockerfile').toBe(options.deploy.includes('docker'));
      expect(tree.has('.github/workflows/ci.yml'), '.github/workflows/ci.yml').toBe(options.deploy.includes('github-actions'));
    });
  });
});

/** Packages a TypeScript file imports (`vitest/config` → `vitest`), Node built-ins left out; once per file content. */
function importedPackages(content: Buffer): string[] {
  let packages = importsByContent.get(content);
  if (packages === undefined) importsByContent.set(content, (packages = packagesImportedBy(content.toString('utf8'))));
  return packages;
}

// Combinations share the bytes of every file copied from the same template.
const importsByContent = new WeakMap<Buffer, string[]>();

function packagesImportedBy(source: string): string[] {
  const packages = moduleSpecifiers(source)
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(specifier))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
  return [...new Set(packages)];
}

describe('the file list', () => {
  it('matches the snapshot for the defaults', () => {
    const { tree } = rendered.find(({ options }) => options.deploy.join() === 'docker' && options.packageManager === 'npm')!;
    expect([...tree.keys()]).toMatchSnapshot();
  });

  it('matches the snapshot with every deploy target', () => {
    const { tree } = rendered.find(({ options }) => options.deploy.length === DEPLOY_TARGETS.length && options.packageManager === 'npm')!;
    expect([...tree.keys()]).toMatchSnapshot();
  });
});

describe('the registries', () => {
  const netsuite = rendered.find(({ options }) => options.upstream === 'netsuite')!;

  it("list the tools the upstream's overlay adds, beside the base tools", () => {
    const registry = text(netsuite, 'src/tools/index.ts');
    expect(registry).toContain("import netsuiteSuiteqlTool from './netsuite-suiteql.js';");
    expect(registry).toContain("import echoTool from './echo.js';");
    expect(registry).not.toContain('api-get-item');
  });

  it('render the NetSuite account ID chosen at generation as the configuration default', async () => {
    const options = { ...netsuite.options, netsuite: { accountId: '1234567_SB1' } };
    const config = (await planProject({ options, generatorVersion: TEST_GENERATOR_VERSION })).get('src/upstream/config.ts')!.toString();
    expect(config).toContain("'1234567_SB1'");
  });

  it('render the Salesforce login URL and API version chosen at generation as configuration defaults', async () => {
    const salesforce = rendered.find(({ options }) => options.upstream === 'salesforce')!.options;
    const options = { ...salesforce, salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '65.0' } };
    const config = (await planProject({ options, generatorVersion: TEST_GENERATOR_VERSION })).get('src/upstream/config.ts')!.toString();
    expect(config).toContain("'https://acme.my.salesforce.com'");
    expect(config).toContain("'65.0'");
  });
});
