import { describe, expect, it } from 'vitest';
import { outputPath } from '../../src/render/paths.js';

describe('template output paths', () => {
  it('drops the .hbs suffix of rendered templates', () => {
    expect(outputPath('package.json.hbs')).toBe('package.json');
  });

  it.each([
    ['_gitignore', '.gitignore'],
    ['_dockerignore', '.dockerignore'],
    ['_env.example.hbs', '.env.example'],
    ['_github/workflows/ci.yml.hbs', '.github/workflows/ci.yml'],
  ])('restores the dotfile name %s → %s', (template, output) => {
    expect(outputPath(template)).toBe(output);
  });

  it('leaves other underscored names alone', () => {
    expect(outputPath('src/_internal.ts')).toBe('src/_internal.ts');
  });

  it('names a folder after a variable where a segment is __name__', () => {
    expect(outputPath('deploy/helm/__shortName__/Chart.yaml.hbs', { shortName: 'orders-mcp' })).toBe('deploy/helm/orders-mcp/Chart.yaml');
  });

  it('keeps a __name__ segment no variable names', () => {
    expect(outputPath('deploy/__unknown__/file', { shortName: 'orders-mcp' })).toBe('deploy/__unknown__/file');
  });
});
