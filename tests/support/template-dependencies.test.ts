import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VERSIONS } from '../../src/features/versions.js';
import { templateDependencies, versionsKey } from './template-dependencies.js';

// Small tables of packages without dependencies of their own, so an install takes a moment.
const ZOD_ONLY = { zod: VERSIONS.zod };
const ZOD_AND_JOSE = { zod: VERSIONS.zod, jose: VERSIONS.jose };

let cacheRoot: string;
afterEach(async () => {
  if (cacheRoot) await rm(cacheRoot, { recursive: true, force: true });
});

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the shared node_modules of the type-checks', () => {
  it('installs the packages of the versions table, and drops the install of an earlier table', async () => {
    cacheRoot = await mkdtemp(join(tmpdir(), 'template-dependencies-'));
    await mkdir(join(cacheRoot, versionsKey(ZOD_ONLY), 'node_modules'), { recursive: true });
    const installed = await templateDependencies({ cacheRoot, versions: ZOD_AND_JOSE });
    expect(existsSync(join(installed.nodeModules, 'zod', 'package.json'))).toBe(true);
    expect(existsSync(join(installed.nodeModules, 'jose', 'package.json'))).toBe(true);
    expect(await readdir(cacheRoot)).toEqual([versionsKey(ZOD_AND_JOSE)]);
  }, 5 * 60_000);

  it('takes an install of the same table as done, without running npm again', async () => {
    cacheRoot = await mkdtemp(join(tmpdir(), 'template-dependencies-'));
    const earlier = join(cacheRoot, versionsKey(ZOD_ONLY), 'node_modules');
    await mkdir(earlier, { recursive: true });
    // With nothing on the PATH, running npm would fail.
    const found = await templateDependencies({ cacheRoot, versions: ZOD_ONLY, env: { PATH: '' } });
    expect(found.nodeModules).toBe(earlier);
  });

  it('explains a failed install on a machine that cannot reach the registry, and leaves no half-installed folder', async () => {
    cacheRoot = await mkdtemp(join(tmpdir(), 'template-dependencies-'));
    const offline = {
      npm_config_registry: `http://127.0.0.1:${await closedPort()}/`,
      npm_config_cache: join(cacheRoot, 'empty-npm-cache'),
      npm_config_fetch_retries: '0',
    };
    const failure = templateDependencies({ cacheRoot: join(cacheRoot, 'installs'), versions: ZOD_ONLY, env: offline });
    await expect(failure).rejects.toThrow(/could not be reached \(ECONNREFUSED\).*Is this machine offline\?/s);
    await expect(failure).rejects.toThrow(/npm said:\n[\s\S]*ECONNREFUSED/);
    expect(await readdir(join(cacheRoot, 'installs'))).toEqual([]);
  }, 5 * 60_000);
});
