import { PACKAGE_MANAGERS, type PackageManager } from './schema.js';

/** The name a user agent starts with: "pnpm/9.12.0 npm/? node/v20.18.0 linux x64" names pnpm. */
function launcherOf(userAgent: string | undefined): string | undefined {
  const name = userAgent?.split(' ')[0]?.split('/')[0]?.trim();
  return name === '' ? undefined : name;
}

function isSupported(name: string | undefined): name is PackageManager {
  return (PACKAGE_MANAGERS as readonly string[]).includes(name ?? '');
}

/**
 * The package manager that launched us (`npm create`, `pnpm create`, `npx`, `pnpm dlx`) announces
 * itself in `npm_config_user_agent`. Anything we do not support falls back to npm, which every
 * Node install has; `unsupportedLauncher` says when that happened, so it never happens silently.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = launcherOf(userAgent);
  return isSupported(name) ? name : 'npm';
}

/** The package manager that launched us when generated projects cannot use it (yarn, bun), else undefined. */
export function unsupportedLauncher(userAgent: string | undefined): string | undefined {
  const name = launcherOf(userAgent);
  return name === undefined || isSupported(name) ? undefined : name;
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
  /** Removes dev dependencies from node_modules after a build (container images). */
  pruneDev: string;
  /** `packageManager` field for package.json, so corepack and CI use the same release; empty for npm. */
  pin: string;
  /** One flag per package manager, for templates to branch on without helpers. */
  is: Record<PackageManager, boolean>;
}

/** The pnpm release generated projects pin; it installs with Node 20 and newer. */
export const PNPM_VERSION = '10.34.9';

export const PACKAGE_MANAGER_COMMANDS = {
  npm: {
    name: 'npm',
    run: 'npm run',
    install: 'npm install',
    ci: 'npm ci',
    exec: 'npx',
    lockfile: 'package-lock.json',
    pruneDev: 'npm prune --omit=dev',
    pin: '',
    is: { npm: true, pnpm: false },
  },
  pnpm: {
    name: 'pnpm',
    run: 'pnpm run',
    install: 'pnpm install',
    ci: 'pnpm install --frozen-lockfile',
    exec: 'pnpm dlx',
    lockfile: 'pnpm-lock.yaml',
    pruneDev: 'pnpm prune --prod',
    pin: `pnpm@${PNPM_VERSION}`,
    is: { npm: false, pnpm: true },
  },
} as const satisfies Record<PackageManager, PackageManagerCommands>;

/** How to get a package manager that is missing: npm ships with Node.js; corepack, also in Node.js, provides pnpm. */
export const HOW_TO_INSTALL: Record<PackageManager, string> = {
  npm: 'reinstall Node.js from https://nodejs.org, which ships npm',
  pnpm: `corepack enable pnpm, or npm install -g pnpm@${PNPM_VERSION.split('.')[0]}`,
};
