import { randomBytes } from 'node:crypto';

import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testAuth } from '../helpers/auth-client.js';
import type { UpstreamSample } from '../helpers/fake-upstream-session.js';
import { rawRequest, toolCallRequest } from '../helpers/http.js';
import { connectTo, copyOfProject, fromSource, killIfRunning, listeningServer, serverEnv, startProcess, type ProcessUnderTest } from '../helpers/server-process.js';
import { startUpstreamSample } from '../helpers/upstream-sample.js';

/** Starting two processes from source takes a while on a busy machine. */
const TIMEOUT_MS = 60_000;
/** Calls of one tool each caller may make per window, across all replicas together. */
const TOOL_CALL_LIMIT = 3;

interface Replica {
  process: ProcessUnderTest;
  url: string;
  pid: number;
}

/**
 * Two processes of this server on one store, as two replicas behind a load balancer: what one of
 * them counts or fetches, the other sees.
 */
describe('two server processes sharing the store', () => {
  let project: ReturnType<typeof copyOfProject>;
  let upstream: UpstreamSample;
  let replicas: [Replica, Replica];
  const clients: Client[] = [];

  beforeAll(async () => {
    project = copyOfProject();
    upstream = await startUpstreamSample();
    // One environment for both: the same store, and the same sealing key, as replicas of one deployment have.
    const env = await serverEnv({
      ...upstream.serverEnv,
      STORE_SEALING_KEYS: `replicas:${randomBytes(32).toString('base64url')}`,
      RATE_LIMIT_REQUESTS: '0',
      RATE_LIMIT_TOOL_CALLS: String(TOOL_CALL_LIMIT),
      RATE_LIMIT_WINDOW_SECONDS: '600',
    });
    const start = async (): Promise<Replica> => {
      const process = startProcess(fromSource('src/main.ts'), env, { cwd: project.root });
      return { process, ...(await listeningServer(process)) };
    };
    replicas = [await start(), await start()];
  }, TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
    for (const replica of replicas ?? []) {
      replica.process.child.kill('SIGKILL');
      killIfRunning(replica.pid);
    }
    await upstream?.close();
    project?.remove();
  });

  async function clientOf(replica: Replica): Promise<Client> {
    const client = await connectTo(replica.url);
    clients.push(client);
    return client;
  }

  /** A `tools/call` of `echo` over plain HTTP, so the test sees the status the replica answers with. */
  async function callEcho(replica: Replica, id: number): Promise<number> {
    const request = toolCallRequest('legacy', 'echo', { text: `call ${id}` }, { id });
    const auth = await (await testAuth()).headers(`${replica.url}/mcp`);
    return (await rawRequest(`${replica.url}/mcp`, { method: 'POST', headers: { ...request.headers, ...auth }, body: request.body })).status;
  }

  it(
    'uses the upstream token one replica fetched on the other, asking the token endpoint once',
    async () => {
      const [first, second] = [await clientOf(replicas[0]), await clientOf(replicas[1])];

      const fromFirst = await first.callTool(upstream.presetCall);
      const fromSecond = await second.callTool(upstream.presetCall);

      expect(fromFirst.isError, JSON.stringify(fromFirst.content)).toBeFalsy();
      expect(fromSecond.isError, JSON.stringify(fromSecond.content)).toBeFalsy();
      expect(upstream.tokenRequestCount()).toBe(1);
    },
    TIMEOUT_MS,
  );

  it(
    "holds a caller to one tool-call limit across both replicas",
    async () => {
      const statuses: number[] = [];
      // Turn by turn, as a load balancer spreads the calls.
      for (let call = 0; call <= TOOL_CALL_LIMIT; call++) statuses.push(await callEcho(replicas[call % 2] as Replica, call + 1));

      expect(statuses).toEqual([...Array<number>(TOOL_CALL_LIMIT).fill(200), 429]);
    },
    TIMEOUT_MS,
  );
});
