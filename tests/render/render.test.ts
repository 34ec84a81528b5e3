import { Volume, createFsFromVolume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { renderProject, type TemplateFs } from '../../src/render/render.js';

function templates(files: Record<string, string | Buffer>): TemplateFs {
  return createFsFromVolume(Volume.fromJSON(files as Record<string, string>, '/t')).promises as unknown as TemplateFs;
}

describe('rendering layers into a file tree', () => {
  it('renders .hbs files and copies every other file byte for byte', async () => {
    const binary = Buffer.from([0, 159, 146, 150, 255]);
    const fs = templates({ 'base/files/README.md.hbs': '# {{projectName}}', 'base/files/logo.bin': binary as never, 'base/files/src/a.ts': 'const x = {{y}};' });
    const tree = await renderProject({ fs, templatesDir: '/t', layers: [{ folder: 'base' }], context: { projectName: 'demo' } });
    expect(tree.get('README.md')?.toString()).toBe('# demo');
    expect(tree.get('logo.bin')?.equals(binary)).toBe(true);
    expect(tree.get('src/a.ts')?.toString()).toBe('const x = {{y}};');
  });

  it('lets a later layer replace a file an earlier one declares as a seam', async () => {
    const fs = templates({ 'base/files/src/auth/index.ts': 'base', 'auth/none/files/src/auth/index.ts': 'overlay' });
    const base = { folder: 'base', seams: { 'src/auth/index.ts': 'each strategy brings its own' } };
    const tree = await renderProject({ fs, templatesDir: '/t', layers: [base, { folder: 'auth/none' }], context: {} });
    expect(tree.get('src/auth/index.ts')?.toString()).toBe('overlay');
  });

  it('refuses a layer writing a file an earlier one does not declare as a seam, naming both layers', async () => {
    const fs = templates({ 'base/files/src/auth/index.ts': 'base', 'auth/none/files/src/auth/index.ts': 'overlay' });
    await expect(renderProject({ fs, templatesDir: '/t', layers: [{ folder: 'base' }, { folder: 'auth/none' }], context: {} })).rejects.toThrow(
      'auth/none and base both write src/auth/index.ts',
    );
  });

  it('refuses a seam naming a file its layer does not have', async () => {
    const fs = templates({ 'base/files/src/a.ts': '' });
    await expect(renderProject({ fs, templatesDir: '/t', layers: [{ folder: 'base', seams: { 'src/b.ts': 'misspelt' } }], context: {} })).rejects.toThrow(
      'base declares seams it has no file for: src/b.ts',
    );
  });

  it('adds the files an overlay brings', async () => {
    const fs = templates({ 'base/files/a.ts': 'a', 'deploy/docker/files/Dockerfile': 'FROM node' });
    const tree = await renderProject({ fs, templatesDir: '/t', layers: [{ folder: 'base' }, { folder: 'deploy/docker' }], context: {} });
    expect([...tree.keys()]).toEqual(['Dockerfile', 'a.ts']);
  });

  it('restores dotfile names', async () => {
    const fs = templates({ 'base/files/_gitignore': 'node_modules/', 'base/files/_env.example.hbs': 'PORT={{port}}' });
    const tree = await renderProject({ fs, templatesDir: '/t', layers: [{ folder: 'base' }], context: { port: 3000 } });
    expect(tree.get('.gitignore')?.toString()).toBe('node_modules/');
    expect(tree.get('.env.example')?.toString()).toBe('PORT=3000');
  });

  it('lists files in a stable sorted order', async () => {
    const fs = templates({ 'base/files/z.ts': '', 'base/files/a/b.ts': '', 'base/files/m.ts': '' });
    const tree = await renderProject({ fs, templatesDir: '/t', layers: [{ folder: 'base' }], context: {} });
    expect([...tree.keys()]).toEqual(['a/b.ts', 'm.ts', 'z.ts']);
  });

  it('fails on a template naming a missing field, with the template path', async () => {
    const fs = templates({ 'base/files/package.json.hbs': '{"name": "{{projectNmae}}"}' });
    await expect(renderProject({ fs, templatesDir: '/t', layers: [{ folder: 'base' }], context: { projectName: 'x' } })).rejects.toThrow(
      /base\/files\/package\.json\.hbs/,
    );
  });
});
