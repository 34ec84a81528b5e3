import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinationProblems } from '../../src/options/rules.js';
import { defaultUpstreamChoice, projectOptionsSchema, type AuthStrategy, type StorageBackend, type Upstream } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import type { FileTree } from '../../src/render/render.js';
import { bicepParameters, bicepSyntaxErrors, containerAppPropertiesAsTypeScript } from '../support/bicep.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

/**
 * The Azure Container Apps deployment as rendered: every Bicep file parsed by a real Bicep grammar, the
 * parameters file naming only parameters main.bicep declares, and the Container App's properties
 * type-checked by tsc against the Azure SDK's model (@azure/arm-appcontainers). No Bicep compiler or
 * Azure subscription is reachable here: what Azure itself would refuse at deployment is not checked.
 */
const PROJECTS = [
  { upstream: 'entra', auth: 'gateway', storage: 'cosmos' },
  { upstream: 'keycloak', auth: 'jwt', storage: 'postgres' },
  { upstream: 'salesforce', auth: 'oauth-proxy', storage: 'redis' },
  { upstream: 'generic', auth: 'none', storage: 'memory' },
] as const satisfies readonly { upstream: Upstream; auth: AuthStrategy; storage: StorageBackend }[];

async function azureFiles(project: (typeof PROJECTS)[number]): Promise<FileTree> {
  const options = projectOptionsSchema.parse({ ...defaultUpstreamChoice(project.upstream), ...DEFAULT_DEMO_OPTIONS, ...project, deploy: ['azure'] });
  const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
  return new Map([...tree].filter(([path]) => path.startsWith('deploy/azure/')));
}

const nameOf = ({ upstream, auth, storage }: (typeof PROJECTS)[number]) => `${upstream}-${auth}-${storage}`;

describe.each(PROJECTS)('the Azure deployment of a $upstream/$auth/$storage project', (project) => {
  it('is Bicep the grammar parses without an error, in every file', async () => {
    const files = [...(await azureFiles(project))].filter(([path]) => path.endsWith('.bicep'));
    expect(files.map(([path]) => path)).toContain('deploy/azure/main.bicep');
    for (const [path, bytes] of files) expect(bicepSyntaxErrors(bytes.toString()), path).toEqual([]);
  });

  it('has a parameters file giving every parameter main.bicep requires, and none it does not declare', async () => {
    const files = await azureFiles(project);
    const declared = bicepParameters(files.get('deploy/azure/main.bicep')!.toString());
    const given = Object.keys((JSON.parse(files.get('deploy/azure/main.parameters.json')!.toString()) as { parameters: object }).parameters);
    expect(declared.filter((name) => !given.includes(name) && !hasDefault(files.get('deploy/azure/main.bicep')!.toString(), name))).toEqual([]);
    for (const name of given) expect(declared, name).toContain(name);
  });

  it('reads every required secret setting from Key Vault, never from a parameter value', async () => {
    const main = (await azureFiles(project)).get('deploy/azure/main.bicep')!.toString();
    expect(main).toMatch(/keyVaultUrl: '\$\{vault\.properties\.vaultUri\}secrets\//);
    expect(main).not.toMatch(/param (STORE_SEALING_KEYS|DATABASE_URL|REDIS_URL)/);
  });
});

/** Whether main.bicep gives the parameter a default value (`param name type = …`). */
function hasDefault(main: string, name: string): boolean {
  return new RegExp(`^param ${name} \\S+ =`, 'm').test(main);
}

describe("the Container App's properties, against the Azure SDK's model", () => {
  const dir = resolve('.cache/azure-typecheck');
  let errors: string;

  beforeAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', types: [], skipLibCheck: true }, include: ['*.ts'] }),
    );
    const header = "import type { ContainerAppProperties } from '@azure/arm-appcontainers';\n";
    for (const project of PROJECTS) {
      const main = (await azureFiles(project)).get('deploy/azure/main.bicep')!.toString();
      await writeFile(join(dir, `${nameOf(project)}.ts`), `${header}export const properties: ContainerAppProperties = ${containerAppPropertiesAsTypeScript(main)};\n`);
    }
    // The check itself, on a mistake it must catch: a port given as text and a misspelt key.
    await writeFile(join(dir, 'known-mistake.ts'), `${header}export const properties: ContainerAppProperties = ${containerAppPropertiesAsTypeScript(
      "resource app 'Microsoft.App/containerApps@2024-03-01' = {\n  name: 'x'\n  properties: {\n    configuration: { ingress: { targetPort: '3000' } }\n    template: { scael: {} }\n  }\n}\n",
    )};\n`);
    const tsc = resolve('node_modules/typescript/bin/tsc');
    errors = await promisify(execFile)(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], { cwd: dir, timeout: 120_000 }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(PROJECTS.map(nameOf))('type-check for %s', (name) => {
    expect(errors.split('\n').filter((line) => line.startsWith(`${name}.ts(`))).toEqual([]);
  });

  it('catch a wrong type and a misspelt key', () => {
    const mistakes = errors.split('\n').filter((line) => line.startsWith('known-mistake.ts('));
    expect(mistakes).toHaveLength(2);
    expect(mistakes[0]).toContain("Type 'string' is not assignable to type 'number'");
    expect(mistakes[1]).toContain("'scael' does not exist in type 'Template'");
  });
});

describe('which stores the Azure deployment runs with', () => {
  it('refuses SQLite, whose file would go with the replica', () => {
    expect(combinationProblems({ upstream: 'generic', auth: 'none', storage: 'sqlite', deploy: ['azure'] })).toEqual([
      '--deploy azure (Azure Container Apps (Bicep)) does not work with --storage sqlite; it needs one of: memory, postgres, redis, cosmos',
    ]);
  });

  it('runs one replica at most where the store is in memory', async () => {
    const main = (await azureFiles({ upstream: 'generic', auth: 'none', storage: 'memory' })).get('deploy/azure/main.bicep')!.toString();
    expect(main).toMatch(/@maxValue\(1\)\nparam maxReplicas int = 1/);
  });
});
