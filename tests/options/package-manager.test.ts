import { describe, expect, it } from 'vitest';
import { detectPackageManager, unsupportedLauncher } from '../../src/options/package-manager.js';

describe('package manager detection', () => {
  it('recognises pnpm from its user agent', () => {
    expect(detectPackageManager('pnpm/9.12.0 npm/? node/v20.18.0 linux x64')).toBe('pnpm');
  });

  it('recognises npm from its user agent', () => {
    expect(detectPackageManager('npm/11.1.0 node/v20.18.0 linux x64 workspaces/false')).toBe('npm');
  });

  it('falls back to npm for an unsupported package manager', () => {
    expect(detectPackageManager('bun/1.1.0 npm/? node/v20.18.0 linux x64')).toBe('npm');
  });

  it('falls back to npm when nothing announced itself', () => {
    expect(detectPackageManager(undefined)).toBe('npm');
  });
});

describe('an unsupported package manager that launched the CLI', () => {
  it('is named for yarn and bun', () => {
    expect(unsupportedLauncher('yarn/1.22.19 npm/? node/v20.18.0 linux x64')).toBe('yarn');
    expect(unsupportedLauncher('bun/1.1.0 npm/? node/v20.18.0 linux x64')).toBe('bun');
  });

  it('is not reported for npm, pnpm or no user agent', () => {
    expect(unsupportedLauncher('npm/11.1.0 node/v20.18.0 linux x64 workspaces/false')).toBeUndefined();
    expect(unsupportedLauncher('pnpm/9.12.0 npm/? node/v20.18.0 linux x64')).toBeUndefined();
    expect(unsupportedLauncher(undefined)).toBeUndefined();
  });
});
