import { randomBytes } from 'node:crypto';

import { testAuth } from './auth-client.js';
import type { UpstreamSample } from './fake-upstream-session.js';
import { rawRequest, toolCallRequest } from './http.js';
import { fromSource, killIfRunning, listeningServer, serverEnv, startProcess, type ProcessUnderTest } from './server-process.js';

/** Calls of one tool each caller may make per window in these tests, across every process together. */
export const TOOL_CALL_LIMIT = 3;

/** A server process from source, listening over HTTP. */
export interface ServerProcess {
  readonly url: string;
  /** Stops it the way an orchestrator does (SIGTERM) and resolves once it has exited. */
  stop(): Promise<void>;
  /** Ends it at once, whatever it is doing (cleanup after a failed test). */
  kill(): void;
}

/**
 * One environment for every server process of a test: the same store, the same sealing key (as
 * replicas of one deployment, or one server before and after a restart, have), the upstream fake, and
 * a tool-call limit of TOOL_CALL_LIMIT in a window longer than any test.
 */
export function storeSharingEnv(upstream: UpstreamSample): Promise<Record<string, string>> {
  return serverEnv({
    ...upstream.serverEnv,
    STORE_SEALING_KEYS: `test:${randomBytes(32).toString('base64url')}`,
    RATE_LIMIT_REQUESTS: '0',
    RATE_LIMIT_TOOL_CALLS: String(TOOL_CALL_LIMIT),
    RATE_LIMIT_WINDOW_SECONDS: '600',
  });
}

/** Starts src/main.ts in `cwd` with `env` and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const running: ProcessUnderTest = startProcess(fromSource('src/main.ts'), env, { cwd });
  const { url, pid } = await listeningServer(running);
  return {
    url,
    async stop() {
      running.child.kill('SIGTERM');
      await running.closed;
    },
    kill() {
      running.child.kill('SIGKILL');
      killIfRunning(pid);
    },
  };
}

/** A `tools/call` of `echo` over plain HTTP, so the test sees the status the server answers with. */
export async function callEcho(server: ServerProcess, id: number): Promise<number> {
  const request = toolCallRequest('legacy', 'echo', { text: `call ${id}` }, { id });
  const auth = await (await testAuth()).headers(`${server.url}/mcp`);
  return (await rawRequest(`${server.url}/mcp`, { method: 'POST', headers: { ...request.headers, ...auth }, body: request.body })).status;
}
