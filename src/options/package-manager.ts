import { PACKAGE_MANAGERS, type PackageManager } from './schema.js';

/**
 * The package manager that launched us (`npm create`, `pnpm create`, `npx`, `pnpm dlx`) announces
 * itself in `npm_config_user_agent`, e.g. "pnpm/9.12.0 npm/? node/v20.18.0 linux x64".
 * Anything we do not support falls back to npm, which every Node install has.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split(' ')[0]?.split('/')[0];
  return (PACKAGE_MANAGERS as readonly string[]).includes(name ?? '') ? (name as PackageManager) : 'npm';
}

/** The commands a generated project's docs and scripts use for a package manager. */
export interface PackageManagerCommands {
  name: PackageManager;
  /** Runs a package.json script. */
  run: string;
  install: string;
  /** A clean, lockfile-exact install for CI and images. */
  ci: string;
  /** Runs a package binary without installing it globally. */
  exec: string;
  lockfile: string;
}

export const PACKAGE_MANAGER_COMMANDS = {
  npm: { name: 'npm', run: 'npm run', install: 'npm install', ci: 'npm ci', exec: 'npx', lockfile: 'package-lock.json' },
  pnpm: {
    name: 'pnpm',
    run: 'pnpm run',
    install: 'pnpm install',
    ci: 'pnpm install --frozen-lockfile',
    exec: 'pnpm dlx',
    lockfile: 'pnpm-lock.yaml',
  },
} as const satisfies Record<PackageManager, PackageManagerCommands>;
