import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { UpstreamSample } from '../helpers/fake-upstream-session.js';
import { copyOfProject } from '../helpers/server-process.js';
import { callEcho, startServerProcess, storeSharingEnv, TOOL_CALL_LIMIT, type ServerProcess } from '../helpers/store-processes.js';
import { startUpstreamSample } from '../helpers/upstream-sample.js';

/** Starting two processes from source takes a while on a busy machine. */
const TIMEOUT_MS = 60_000;

/**
 * Two processes of this server on one store, as two replicas behind a load balancer: what one of
 * them counts or fetches, the other sees.
 */
describe('two server processes sharing the store', () => {
  let project: ReturnType<typeof copyOfProject>;
  let upstream: UpstreamSample;
  const replicas: ServerProcess[] = [];

  beforeAll(async () => {
    project = copyOfProject();
    upstream = await startUpstreamSample();
    const env = storeSharingEnv(upstream);
    for (let started = 0; started < 2; started++) replicas.push(await startServerProcess(env, project.root));
  }, TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await upstream?.close();
    project?.remove();
  }, TIMEOUT_MS);

  /** The replica serving call number `index`: they take turns, as a load balancer spreads calls. */
  const replica = (index: number) => replicas[index % 2] as ServerProcess;

  it(
    'uses the upstream token one replica fetched on the other, asking the token endpoint once',
    async () => {
      const fromFirst = await replica(0).client.callTool(upstream.presetCall);
      const fromSecond = await replica(1).client.callTool(upstream.presetCall);

      expect(fromFirst.isError, JSON.stringify(fromFirst.content)).toBeFalsy();
      expect(fromSecond.isError, JSON.stringify(fromSecond.content)).toBeFalsy();
      expect(upstream.tokenRequestCount()).toBe(1);
    },
    TIMEOUT_MS,
  );

  it(
    'holds the caller to one tool-call limit across both replicas',
    async () => {
      const outcomes: string[] = [];
      for (let call = 0; call <= TOOL_CALL_LIMIT; call++) outcomes.push(await callEcho(replica(call), call + 1));

      expect(outcomes).toEqual([...Array<string>(TOOL_CALL_LIMIT).fill('ok'), 'rate_limited']);
    },
    TIMEOUT_MS,
  );
});
