import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { placeholderAuthEnv } from '../helpers/auth-settings.js';
import { presetTestIdp } from '../helpers/preset-claims.js';
import { scratchPath } from '../helpers/scratch.js';
import { fromSource, startProcess } from '../helpers/server-process.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('starting with the SQLite store', { timeout: 60_000 }, () => {
  it('stops with status 78 and says which setting to fix when the file cannot be made, without a stack trace', async () => {
    const notAFolder = scratchPath('file');
    writeFileSync(notAFolder, 'a file where the folder should be');
    // A configuration that is complete but for the store: the server stops before it would contact anything.
    const env = { ...(process.env as Record<string, string>), NODE_ENV: 'test', ...presetTestIdp.placeholderEnv, ...placeholderAuthEnv, SQLITE_PATH: join(notAFolder, 'store.db') };
    const server = startProcess(fromSource('src/main.ts'), env);
    expect((await server.closed).code).toBe(78);
    expect(server.text()).toMatch(/SQLITE_PATH: cannot create the folder .* for the SQLite store/);
    expect(server.text()).not.toMatch(/^\s+at /m);
  });

  it("loads Node's SQLite driver without its ExperimentalWarning, and other warnings still print", async () => {
    const script = `
      const { sqliteDriver } = await import('./src/storage/sqlite-driver.ts');
      sqliteDriver();
      process.emitWarning('another experiment', 'ExperimentalWarning');
    `;
    const { stderr } = await promisify(execFile)(process.execPath, ['--import', tsxLoader, '--input-type=module', '--eval', script], { cwd: projectRoot });
    expect(stderr).not.toContain('SQLite is an experimental feature');
    expect(stderr).toContain('ExperimentalWarning: another experiment');
  });
});
