import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, it, type TestContext } from 'vitest';

import {
  callInFlight,
  connectTo,
  copyOfProject,
  fromSource,
  killIfRunning,
  listeningServer,
  serverEnv,
  startProcess,
  type ProcessUnderTest,
  type StartProcessOptions,
} from '../helpers/server-process.js';

const LISTENING = 'MCP server listening over HTTP';
/** Starting from source takes a few seconds on a busy machine, twice when dev mode restarts. */
const TIMEOUT_MS = 60_000;

/**
 * `npm run dev` (scripts/dev.ts) as a process of its own, with the server it runs, in a copy of the
 * project so that the files it watches change only when a test changes them. POSIX signals: Windows
 * has none between processes.
 */
describe.skipIf(process.platform === 'win32')('dev mode', () => {
  let project: ReturnType<typeof copyOfProject>;
  beforeAll(() => {
    project = copyOfProject();
  });
  afterAll(() => {
    project.remove();
  });

  /** Dev mode with the test's settings; whatever the test leaves running is ended after it. */
  async function startDev(
    { onTestFinished }: TestContext,
    overrides: Record<string, string> = {},
    options: StartProcessOptions = {},
  ): Promise<ProcessUnderTest> {
    const dev = startProcess(fromSource('scripts/dev.ts'), await serverEnv({ SHUTDOWN_TIMEOUT_MS: '60000', ...overrides }), { cwd: project.root, ...options });
    onTestFinished(() => {
      dev.child.kill('SIGKILL');
      for (const line of dev.logs()) if (line.msg === LISTENING) killIfRunning(line.pid);
    });
    return dev;
  }

  // Each test has its own dev mode and server, so these run side by side.
  describe.concurrent('stopping', () => {
    it(
      'on SIGTERM lets the call in flight finish, stops the server and exits 0',
      async (context) => {
        const { expect } = context;
        const dev = await startDev(context);
        const client = await connectTo((await listeningServer(dev)).url);
        context.onTestFinished(() => client.close());
        const call = await callInFlight(client, 4, 250);

        dev.child.kill('SIGTERM');

        expect(await dev.closed).toEqual({ code: 0, signal: null });
        await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
      },
      TIMEOUT_MS,
    );

    it(
      'stops the server gracefully when the process that started dev mode exits',
      async (context) => {
        const { expect } = context;
        const dev = await startDev(context, {}, { orphanable: true });
        const { url, pid } = await listeningServer(dev);
        const client = await connectTo(url);
        context.onTestFinished(() => client.close());
        const call = await callInFlight(client, 4, 250);

        // What a SIGTERM to `npm run dev` amounts to: npm's shell dies without passing the signal on.
        dev.child.kill('SIGKILL');

        await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
        // The output closes once dev mode and the server have both exited.
        await dev.closed;
        expect(dev.messagesOf(pid)).toEqual(
          expect.arrayContaining(['shutting down', 'HTTP server stopped']),
        );
      },
      TIMEOUT_MS,
    );

    it(
      'ends with status 78 when the configuration is invalid at the first start',
      async (context) => {
        const { expect } = context;
        const dev = await startDev(context, { PORT: 'eighty' });

        expect(await dev.closed).toEqual({ code: 78, signal: null });
        expect(dev.text()).toContain('PORT: ');
        expect(dev.text()).toContain('[dev] Fix the configuration above, then start dev mode again.');
      },
      TIMEOUT_MS,
    );
  });

  // Alone: the change restarts every dev mode watching the copy.
  it(
    'restarts the server when a file under src/ changes',
    async (context) => {
      const { expect } = context;
      const dev = await startDev(context);
      const first = await listeningServer(dev);

      writeFileSync(join(project.root, 'src', 'dev-mode-restart-probe.txt'), 'a change\n');

      await expect.poll(() => dev.logs().filter((line) => line.msg === LISTENING && line.pid !== first.pid).length, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(dev.messagesOf(first.pid)).toContain('HTTP server stopped');
    },
    TIMEOUT_MS,
  );
});
