import type { Client } from '@modelcontextprotocol/client';
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
} from './helpers/server-process.js';

/** Starting a process from source takes a few seconds on a busy machine. */
const TIMEOUT_MS = 60_000;

/** A copy of the project to run in, where no developer's .env adds settings to the test's. */
let project: ReturnType<typeof copyOfProject>;
beforeAll(() => {
  project = copyOfProject();
});
afterAll(() => {
  project.remove();
});

/** Runs the entry point from source in the copy of the project. */
async function startEntryPoint(args: string[], overrides: Record<string, string>, options: StartProcessOptions = {}): Promise<ProcessUnderTest> {
  return startProcess(fromSource('src/main.ts', ...args), await serverEnv(overrides), { cwd: project.root, ...options });
}

/** The server from source with a connected client; whatever the test leaves running is ended after it. */
async function startServer(
  { onTestFinished }: TestContext,
  args: string[] = [],
  options: StartProcessOptions = {},
): Promise<{ server: ProcessUnderTest; client: Client; pid: number }> {
  const server = await startEntryPoint(args, { SHUTDOWN_TIMEOUT_MS: '60000' }, options);
  onTestFinished(() => void server.child.kill('SIGKILL'));
  const { url, pid } = await listeningServer(server);
  onTestFinished(() => killIfRunning(pid));
  const client = await connectTo(url);
  onTestFinished(() => client.close().catch(() => {}));
  return { server, client, pid };
}

/**
 * The real entry point (src/main.ts) in a process of its own, signalled the way orchestrators,
 * terminals and package managers do. Each test has its own server, so they run side by side.
 * POSIX signals: Windows has none between processes.
 */
describe.skipIf(process.platform === 'win32').concurrent('entry point process', () => {
  it(
    'on SIGTERM lets the call in flight finish, then exits 0',
    async (context) => {
      const { expect } = context;
      const { server, client } = await startServer(context);
      const call = await callInFlight(client, 4, 250);

      server.child.kill('SIGTERM');

      expect(await server.closed).toEqual({ code: 0, signal: null });
      await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
    },
    TIMEOUT_MS,
  );

  it(
    'treats the same signal delivered again right away as one request, and still drains',
    async (context) => {
      const { expect } = context;
      const { server, client } = await startServer(context);
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
    async (context) => {
      const { expect } = context;
      const { server, client } = await startServer(context);
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
    async (context) => {
      const { expect } = context;
      const { server, client, pid } = await startServer(context, ['--exit-with-parent'], { orphanable: true });
      const call = await callInFlight(client, 4, 250);

      // What a SIGTERM to `npm start` amounts to: npm's shell dies, leaving the server behind.
      server.child.kill('SIGKILL');

      await expect(call.result).resolves.toMatchObject({ structuredContent: { completedSteps: 4 } });
      // The output closes once the orphaned server has exited too.
      await server.closed;
      expect(server.messagesOf(pid)).toEqual(
        expect.arrayContaining(['shutting down', 'HTTP server stopped']),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'exits with status 78 and lists every problem when the configuration is invalid',
    async ({ expect, onTestFinished }) => {
      const server = await startEntryPoint([], { PORT: 'eighty', LOG_LEVEL: 'loud' });
      onTestFinished(() => void server.child.kill('SIGKILL'));

      expect(await server.closed).toEqual({ code: 78, signal: null });
      expect(server.text()).toContain('Invalid configuration:');
      expect(server.text()).toMatch(/PORT: .*\n.*LOG_LEVEL: |LOG_LEVEL: .*\n.*PORT: /);
    },
    TIMEOUT_MS,
  );
});
