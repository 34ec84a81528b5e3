import { execa } from 'execa';
import { missingToolchainFiles, TOOLCHAIN_DIR, toolchainMatchesLockfile, userEnvironment } from '../support/toolchain.js';

/**
 * Installs the end-to-end toolchain (tests/e2e/toolchain: Node 24 and 22, pnpm, the MCP Inspector)
 * before any generated project is made, so the suite needs nothing on the machine but Node and npm.
 * Idempotent: an install that already matches the lockfile is kept, and the package cache is
 * preferred over the registry.
 */
export default async function installToolchain(): Promise<void> {
  if (missingToolchainFiles().length === 0 && toolchainMatchesLockfile()) return;
  // `npm install` rather than `npm ci`: with the committed lockfile it installs exactly the locked
  // versions, while `npm ci` refuses the lockfile because the Inspector's bundler names an optional
  // dependency the registry does not have. The toolchain's `allowScripts` approves the `node`
  // package's install script, which fetches the platform's Node binary from the registry.
  const result = await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: TOOLCHAIN_DIR,
    env: userEnvironment(),
    extendEnv: false,
    all: true,
    reject: false,
  });
  const missing = missingToolchainFiles();
  if (result.exitCode !== 0 || missing.length > 0) {
    throw new Error(
      [
        `Could not install the end-to-end toolchain in ${TOOLCHAIN_DIR} (npm install exited ${String(result.exitCode)}).`,
        ...(missing.length > 0 ? [`Still missing: ${missing.join(', ')}`] : []),
        'It comes from the npm registry (or the npm cache): check that one of them is reachable, then run the tests again.',
        String(result.all ?? '').trim().split('\n').slice(-15).join('\n'),
      ].join('\n'),
    );
  }
}
