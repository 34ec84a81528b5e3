import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  callInFlight,
  connectTo,
  fromSource,
  killIfRunning,
  listeningServer,
  projectRoot,
  serverEnv,
  startProcess,
  type ProcessUnderTest,
} from '../helpers/server-process.js';

const LISTENING = 'MCP server listening over HTTP';

/**
 * `npm run dev` (scripts/dev.ts) as a process of its own, with the server it runs. POSIX signals:
 * Windows has none between processes.
 */
describe.skipIf(process.platform === 'win32')('dev mode', () => {
  // Starting from source takes a few seconds on a busy machine, twice when dev mode restarts.
  const TIMEOUT_MS = 60_000;
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function startDev(options: { orphanable?: boolean } = {}): Promise<ProcessUnderTest> {
    const dev = startProcess(fromSource('scripts/dev.ts'), await serverEnv({ SHUTDOWN_TIMEOUT_MS: '60000' }), options);
    cleanups.push(() => dev.child.kill('SIGKILL'), () => dev.logs().forEach((line) => killIfRunning(line.msg === LISTENING ? line.pid : undefined)));
    return dev;
  }

  it(
    'on SIGTERM lets the call in flight finish, stops the server and exits 0',
    async () => {
      const dev = await startDev();
      const client = await connectTo((await listeningServer(dev)).url);
      cleanups.push(() => client.close());
      const call = await callInFlight(client, 4, 250);

      dev.child.kill('SIGTERM');

      expect(await dev.closed).toEqual({ code: 0, signal: null });
      await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
    },
    TIMEOUT_MS,
  );

  it(
    'stops the server gracefully when the process that started dev mode exits',
    async () => {
      const dev = await startDev({ orphanable: true });
      const { url, pid } = await listeningServer(dev);
      const client = await connectTo(url);
      cleanups.push(() => client.close());
      const call = await callInFlight(client, 4, 250);

      // What a SIGTERM to `npm run dev` amounts to: npm's shell dies without passing the signal on.
      dev.child.kill('SIGKILL');

      await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
      // The output closes once dev mode and the server have both exited.
      await dev.closed;
      expect(dev.logs().filter((line) => line.pid === pid).map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'HTTP server stopped']));
    },
    TIMEOUT_MS,
  );

  it(
    'ends with status 78 when the configuration is invalid at the first start',
    async () => {
      const dev = startProcess(fromSource('scripts/dev.ts'), await serverEnv({ PORT: 'eighty' }));
      cleanups.push(() => dev.child.kill('SIGKILL'));

      expect(await dev.closed).toEqual({ code: 78, signal: null });
      expect(dev.text()).toContain('PORT: ');
      expect(dev.text()).toContain('[dev] Fix the configuration above, then start dev mode again.');
    },
    TIMEOUT_MS,
  );

  it(
    'restarts the server when a file under src/ changes',
    async () => {
      const dev = await startDev();
      const first = await listeningServer(dev);
      const probe = join(projectRoot, 'src', 'dev-mode-restart-probe.txt');
      cleanups.push(() => rmSync(probe, { force: true }));

      writeFileSync(probe, 'a change\n');

      await expect.poll(() => dev.logs().filter((line) => line.msg === LISTENING && line.pid !== first.pid).length, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(dev.logs().filter((line) => line.pid === first.pid).map((line) => line.msg)).toContain('HTTP server stopped');
    },
    TIMEOUT_MS,
  );
});
