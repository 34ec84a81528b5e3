import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upgradeCommand, type UpgradeDependencies } from '../../src/commands/upgrade.js';
import { CliError } from '../../src/errors.js';
import { MARKER_FILE, type ProjectOptions } from '../../src/options/schema.js';
import { markerFile } from '../../src/render/context.js';
import { filesDigest } from '../../src/render/files-digest.js';
import { planProject } from '../../src/render/plan.js';
import { renderRegistry } from '../../src/render/registry.js';
import type { FileTree } from '../../src/render/render.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';
import { captureStdout, memfsProject, PROJECT_ROOT } from '../support/memfs-project.js';

let stdout: ReturnType<typeof captureStdout>;
beforeEach(() => {
  stdout = captureStdout();
});
afterEach(() => {
  stdout.restore();
  process.exitCode = undefined;
});

const OLD = '0.1.0';
const NEW = '0.2.0';

/** What the generator that made the demo project renders for it. */
const base = () => planProject({ options: DEFAULT_DEMO_OPTIONS, generatorVersion: OLD });

/** A newer generator: `edit` is its template fix; the marker names the new version. */
async function newerTemplates(edit: (tree: FileTree) => void, options: ProjectOptions = DEFAULT_DEMO_OPTIONS): Promise<FileTree> {
  const tree = await planProject({ options, generatorVersion: OLD });
  edit(tree);
  tree.delete(MARKER_FILE);
  const [path, content] = markerFile(options, NEW, filesDigest(tree));
  return tree.set(path, content);
}

const FIX_LINE = "// The fix every project needs.\n";
const withFix = (tree: FileTree) => tree.set('src/http/guards.ts', Buffer.concat([Buffer.from(FIX_LINE), tree.get('src/http/guards.ts')!]));

async function upgradeProject(target: (options: ProjectOptions) => Promise<FileTree>) {
  const project = await memfsProject();
  const deps = (overrides: Partial<UpgradeDependencies> = {}): UpgradeDependencies => ({
    fs: project.fs,
    cwd: `${PROJECT_ROOT}/src`,
    cliVersion: NEW,
    renderBase: async () => ({ tree: await base(), origin: `create-enterprise-mcp ${OLD} from the npm registry` }),
    renderTarget: target,
    workingTreeState: async () => ({ kind: 'clean' }),
    ...overrides,
  });
  const write = (path: string, text: string) => project.volume.writeFileSync(`${PROJECT_ROOT}/${path}`, text);
  return { ...project, deps, write };
}

describe('upgrade to a newer generator', () => {
  it('replaces a file the user never touched with the template fix', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    await upgradeCommand({}, project.deps());
    expect(await project.read('src/http/guards.ts')).toMatch(new RegExp(`^${FIX_LINE}`));
    expect(stdout.text()).toMatch(/UPDATE\s+src\/http\/guards\.ts/);
  });

  it('merges the template fix into a file the user changed elsewhere, keeping their edit', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    const guards = await project.read('src/http/guards.ts');
    project.write('src/http/guards.ts', `${guards}// Our own note at the end.\n`);
    await upgradeCommand({}, project.deps());
    const merged = await project.read('src/http/guards.ts');
    expect(merged.startsWith(FIX_LINE)).toBe(true);
    expect(merged.endsWith('// Our own note at the end.\n')).toBe(true);
    expect(stdout.text()).toMatch(/MERGE\s+src\/http\/guards\.ts/);
  });

  it('marks the lines both changed with conflict markers, lists the file and exits with 1', async () => {
    const project = await upgradeProject(() => newerTemplates((tree) => tree.set('README.md', Buffer.from(tree.get('README.md')!.toString().replace(/^# .*$/m, '# demo, fixed')))));
    project.write('README.md', (await project.read('README.md')).replace(/^# .*$/m, '# Our demo'));
    const plan = await upgradeCommand({}, project.deps());
    expect(plan.conflicts).toEqual(['README.md']);
    expect(await project.read('README.md')).toMatch(/<<<<<<< yours\n# Our demo\n\|\|\|\|\|\|\| as generated .*\n# demo\n=======\n# demo, fixed\n>>>>>>> upgrade \(create-enterprise-mcp 0\.2\.0\)/);
    expect(stdout.text()).toMatch(/CONFLICT\s+README\.md/);
    expect(process.exitCode).toBe(1);
  });

  it('leaves a file the user deleted deleted, and says so', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    project.volume.unlinkSync(`${PROJECT_ROOT}/src/http/guards.ts`);
    await upgradeCommand({}, project.deps());
    expect(project.volume.existsSync(`${PROJECT_ROOT}/src/http/guards.ts`)).toBe(false);
    expect(stdout.text()).toMatch(/KEEP\s+src\/http\/guards\.ts you deleted it/);
  });

  it('creates the files the new templates add', async () => {
    const project = await upgradeProject(() => newerTemplates((tree) => tree.set('src/http/new-guard.ts', Buffer.from('export const guard = true;\n'))));
    await upgradeCommand({}, project.deps());
    expect(await project.read('src/http/new-guard.ts')).toBe('export const guard = true;\n');
  });

  it('removes a file the templates dropped only where the user left it as generated', async () => {
    const project = await upgradeProject(() => newerTemplates((tree) => {
      tree.delete('src/http/guards.ts');
      tree.delete('scripts/dev.ts');
    }));
    project.write('scripts/dev.ts', `${await project.read('scripts/dev.ts')}// ours\n`);
    await upgradeCommand({}, project.deps());
    expect(project.volume.existsSync(`${PROJECT_ROOT}/src/http/guards.ts`)).toBe(false);
    expect(await project.read('scripts/dev.ts')).toMatch(/\/\/ ours\n$/);
    expect(stdout.text()).toMatch(/KEEP\s+scripts\/dev\.ts the template dropped it/);
  });

  it("keeps the user's own tools in the registry it rewrites", async () => {
    const project = await upgradeProject(() => newerTemplates((tree) => tree.set('src/tools/audit-log.ts', Buffer.from("export default {};\n"))));
    project.write('src/tools/get-invoice.ts', 'export default {};\n');
    await upgradeCommand({}, project.deps());
    const registry = await project.read('src/tools/index.ts');
    expect(registry).toBe(renderRegistry('tool', ['api-create-item.ts', 'api-delete-item.ts', 'api-get-item.ts', 'api-list-items.ts', 'api-update-item.ts', 'audit-log.ts', 'echo.ts', 'get-invoice.ts', 'long-task.ts', 'server-info.ts', 'whoami.ts']));
  });

  it("adds the template's dependency bump to package.json without losing the user's neighbouring dependency", async () => {
    const bump = (text: string) => text.replace(/"zod": "[^"]+"/, '"zod": "9.9.9"');
    const project = await upgradeProject(() => newerTemplates((tree) => tree.set('package.json', Buffer.from(bump(tree.get('package.json')!.toString())))));
    const manifest = JSON.parse(await project.read('package.json')) as { dependencies: Record<string, string> };
    manifest.dependencies['zod-to-csv'] = '^1.0.0';
    project.write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
    await upgradeCommand({}, project.deps());
    const upgraded = JSON.parse(await project.read('package.json')) as { dependencies: Record<string, string> };
    expect(upgraded.dependencies).toMatchObject({ zod: '9.9.9', 'zod-to-csv': '^1.0.0' });
  });

  it('records the new generator version in the marker', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    await upgradeCommand({}, project.deps());
    expect(JSON.parse(await project.read(MARKER_FILE))).toMatchObject({ generatorVersion: NEW });
  });

  it('writes nothing on a dry run, and lists what it would do', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    const before = project.snapshot();
    await upgradeCommand({ dryRun: true }, project.deps({ workingTreeState: async () => ({ kind: 'dirty', files: ['README.md'] }) }));
    expect(project.snapshot()).toEqual(before);
    expect(stdout.text()).toMatch(/UPDATE\s+src\/http\/guards\.ts/);
    expect(stdout.text()).toContain('Dry run: nothing was written.');
  });

  it('changes nothing the second time and says so', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    await upgradeCommand({}, project.deps());
    const after = project.snapshot();
    const upgraded = { tree: await newerTemplates(withFix), origin: `create-enterprise-mcp ${NEW}` };
    await upgradeCommand({}, project.deps({ renderBase: async () => upgraded }));
    expect(project.snapshot()).toEqual(after);
    expect(stdout.text()).toContain(`Nothing to upgrade: demo already matches create-enterprise-mcp ${NEW}.`);
  });
});

describe('upgrade refuses what it could not undo', () => {
  it('refuses uncommitted changes, naming them, and writes nothing', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    const before = project.snapshot();
    const run = upgradeCommand({}, project.deps({ workingTreeState: async () => ({ kind: 'dirty', files: ['src/tools/echo.ts'] }) }));
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toThrow(/uncommitted changes[\s\S]*src\/tools\/echo\.ts/);
    expect(project.snapshot()).toEqual(before);
  });

  it('refuses a project a newer generator made, and writes nothing', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    project.write(MARKER_FILE, (await project.read(MARKER_FILE)).replace('"generatorVersion": "0.1.0"', '"generatorVersion": "9.0.0"'));
    const before = project.snapshot();
    await expect(upgradeCommand({}, project.deps())).rejects.toThrow(/newer than this CLI/);
    expect(project.snapshot()).toEqual(before);
  });

  it('refuses a project outside git unless --allow-dirty', async () => {
    const project = await upgradeProject(() => newerTemplates(withFix));
    const unversioned = project.deps({ workingTreeState: async () => ({ kind: 'unversioned' }) });
    await expect(upgradeCommand({}, unversioned)).rejects.toThrow(/not under git/);
    await upgradeCommand({ allowDirty: true }, unversioned);
    expect(await project.read('src/http/guards.ts')).toMatch(new RegExp(`^${FIX_LINE}`));
  });
});

describe('upgrade to other options', () => {
  const render = (options: ProjectOptions) => planProject({ options, generatorVersion: NEW });

  it('swaps the storage files for those of the new backend and records it', async () => {
    const project = await upgradeProject(render);
    await upgradeCommand({ storage: 'postgres' }, project.deps());
    expect(project.volume.existsSync(`${PROJECT_ROOT}/src/storage/postgres-store.ts`)).toBe(true);
    expect(project.volume.existsSync(`${PROJECT_ROOT}/src/storage/sqlite-store.ts`)).toBe(false);
    expect(JSON.parse(await project.read(MARKER_FILE))).toMatchObject({ options: { storage: 'postgres' } });
    expect(stdout.text()).toContain('storage sqlite → postgres');
  });

  it('adds a deploy target to the recorded ones with --deploy +target', async () => {
    const project = await upgradeProject(render);
    await upgradeCommand({ deploy: { add: ['github-actions'], remove: [] } }, project.deps());
    expect(JSON.parse(await project.read(MARKER_FILE))).toMatchObject({ options: { deploy: ['docker', 'github-actions'] } });
  });

  it('refuses a combination create refuses, before writing anything', async () => {
    const project = await upgradeProject(render);
    const before = project.snapshot();
    await expect(upgradeCommand({ deploy: { add: ['azure'], remove: [] } }, project.deps())).rejects.toThrow(/--deploy azure .* does not work with --storage sqlite/);
    expect(project.snapshot()).toEqual(before);
  });
});
