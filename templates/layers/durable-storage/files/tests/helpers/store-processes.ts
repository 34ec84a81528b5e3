import { randomBytes } from 'node:crypto';

import { Client, type CallToolResult } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

import type { UpstreamSample } from './fake-upstream-session.js';
import { fromSource } from './server-process.js';
import { freshStorageEnv } from './storage-settings.js';
import { toolErrorOf } from './tool-results.js';

/** Calls of one tool each caller may make per window in these tests, across every process together. */
export const TOOL_CALL_LIMIT = 3;

/**
 * A server process from source with an MCP client connected over stdio. Over stdio every process
 * serves the same caller (the local user) and checks no token, so what these tests see is the store
 * alone: no identity provider stands between them and the upstream's own settings.
 */
export interface ServerProcess {
  readonly client: Client;
  /** Ends the session and resolves once the process has exited (it stops when its stdin closes). */
  stop(): Promise<void>;
}

/**
 * One environment for every server process of a test: the same store, the same sealing key (as
 * replicas of one deployment, or one server before and after a restart, have), the upstream fake, and
 * a tool-call limit of TOOL_CALL_LIMIT in a window longer than any test.
 */
export function storeSharingEnv(upstream: UpstreamSample): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...freshStorageEnv(),
    ...upstream.serverEnv,
    STORE_SEALING_KEYS: `test:${randomBytes(32).toString('base64url')}`,
    RATE_LIMIT_TOOL_CALLS: String(TOOL_CALL_LIMIT),
    RATE_LIMIT_WINDOW_SECONDS: '600',
  };
}

/** Starts src/main.ts over stdio in `cwd` with `env` and resolves once its client is connected. */
export async function startServerProcess(env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const client = new Client({ name: 'store-process-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: fromSource('src/main.ts', '--stdio'), cwd, env, stderr: 'ignore' }));
  return { client, stop: () => client.close() };
}

/** What a call of `echo` came to: `ok`, or the code of the tool error it got (`rate_limited`). */
export async function callEcho(server: ServerProcess, call: number): Promise<string> {
  const result = (await server.client.callTool({ name: 'echo', arguments: { text: `call ${call}` } })) as CallToolResult;
  return result.isError ? String(toolErrorOf(result)?.code) : 'ok';
}
