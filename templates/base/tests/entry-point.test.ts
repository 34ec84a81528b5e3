import type { Client } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';

import {
  callInFlight,
  connectTo,
  fromSource,
  killIfRunning,
  listeningServer,
  serverEnv,
  startProcess,
  type ProcessUnderTest,
} from './helpers/server-process.js';

/**
 * The real entry point (src/main.ts) in a process of its own, signalled the way orchestrators,
 * terminals and package managers do. POSIX signals: Windows has none between processes.
 */
describe.skipIf(process.platform === 'win32')('entry point process', () => {
  // Starting a process from source takes a few seconds on a busy machine.
  const TIMEOUT_MS = 60_000;
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** The server from source with a connected client; whatever a test leaves running is ended after it. */
  async function startServer(args: string[] = [], options: { orphanable?: boolean } = {}): Promise<{ server: ProcessUnderTest; client: Client; pid: number }> {
    const server = startProcess(fromSource('src/main.ts', ...args), await serverEnv({ SHUTDOWN_TIMEOUT_MS: '60000' }), options);
    cleanups.push(() => server.child.kill('SIGKILL'));
    const { url, pid } = await listeningServer(server);
    cleanups.push(() => killIfRunning(pid));
    const client = await connectTo(url);
    cleanups.push(() => client.close().catch(() => {}));
    return { server, client, pid };
  }

  it(
    'on SIGTERM lets the call in flight finish, then exits 0',
    async () => {
      const { server, client } = await startServer();
      const call = await callInFlight(client, 4, 250);

      server.child.kill('SIGTERM');

      expect(await server.closed).toEqual({ code: 0, signal: null });
      await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
    },
    TIMEOUT_MS,
  );

  it(
    'treats the same signal delivered again right away as one request, and still drains',
    async () => {
      const { server, client } = await startServer();
      const call = await callInFlight(client, 4, 250);

      // What Ctrl+C does under `npm start`: the terminal delivers SIGINT, and npm passes it on again.
      server.child.kill('SIGINT');
      await server.waitForLog('shutting down');
      server.child.kill('SIGINT');

      expect(await server.closed).toEqual({ code: 0, signal: null });
      await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
    },
    TIMEOUT_MS,
  );

  it(
    'exits at once with 1 on a second signal sent while it drains',
    async () => {
      const { server, client } = await startServer();
      // 50 s of work: far longer than the test waits.
      await callInFlight(client, 200, 250);

      server.child.kill('SIGTERM');
      await server.waitForLog('shutting down');
      // Well past the moment in which a repeat counts as the same delivery.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      server.child.kill('SIGTERM');

      expect(await server.closed).toEqual({ code: 1, signal: null });
      expect(server.logs().map((line) => line.msg)).toContain('second shutdown signal: exiting immediately');
    },
    TIMEOUT_MS,
  );

  it(
    'with --exit-with-parent, drains and stops when the process that started it exits',
    async () => {
      const { server, client, pid } = await startServer(['--exit-with-parent'], { orphanable: true });
      const call = await callInFlight(client, 4, 250);

      // What a SIGTERM to `npm start` amounts to: npm's shell dies, leaving the server behind.
      server.child.kill('SIGKILL');

      await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
      // The output closes once the orphaned server has exited too.
      await server.closed;
      expect(server.logs().filter((line) => line.pid === pid).map((line) => line.msg)).toEqual(
        expect.arrayContaining(['shutting down', 'HTTP server stopped']),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'exits with status 78 and lists every problem when the configuration is invalid',
    async () => {
      const server = startProcess(fromSource('src/main.ts'), await serverEnv({ PORT: 'eighty', LOG_LEVEL: 'loud' }));

      expect(await server.closed).toEqual({ code: 78, signal: null });
      expect(server.text()).toContain('Invalid configuration:');
      expect(server.text()).toMatch(/PORT: .*\n.*LOG_LEVEL: |LOG_LEVEL: .*\n.*PORT: /);
    },
    TIMEOUT_MS,
  );
});
