import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { UpstreamSample } from '../helpers/fake-upstream-session.js';
import { copyOfProject } from '../helpers/server-process.js';
import { callEcho, startServerProcess, storeSharingEnv, TOOL_CALL_LIMIT, type ServerProcess } from '../helpers/store-processes.js';
import { startUpstreamSample } from '../helpers/upstream-sample.js';

/** Starting, stopping and starting again from source takes a while on a busy machine. */
const TIMEOUT_MS = 60_000;

/**
 * The server stopped and started again on the same store, as a deployment or a crash does: what it
 * kept before is there after.
 */
describe('a server restarted on the same store', () => {
  let project: ReturnType<typeof copyOfProject>;
  let upstream: UpstreamSample;
  let restarted: ServerProcess | undefined;
  /** Tool calls the caller made before the restart, in the window that is still open. */
  const callsBefore = TOOL_CALL_LIMIT - 1;

  beforeAll(async () => {
    project = copyOfProject();
    upstream = await startUpstreamSample();
    const env = storeSharingEnv(upstream);

    const before = await startServerProcess(env, project.root);
    try {
      const result = await before.client.callTool(upstream.presetCall);
      if (result.isError) throw new Error(`the upstream call failed before the restart: ${JSON.stringify(result.content)}`);
      for (let call = 1; call <= callsBefore; call++) await callEcho(before, call);
    } finally {
      await before.stop();
    }
    restarted = await startServerProcess(env, project.root);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await restarted?.stop();
    await upstream?.close();
    project?.remove();
  }, TIMEOUT_MS);

  it('uses the upstream token it fetched before, without asking the token endpoint again', async () => {
    const result = await restarted!.client.callTool(upstream.presetCall);

    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(upstream.tokenRequestCount()).toBe(1);
  });

  it("goes on counting the caller's tool calls in the window that opened before it", async () => {
    const outcomes: string[] = [];
    for (let call = callsBefore + 1; call <= TOOL_CALL_LIMIT + 1; call++) outcomes.push(await callEcho(restarted!, call));

    expect(outcomes).toEqual(['ok', 'rate_limited']);
  });
});
