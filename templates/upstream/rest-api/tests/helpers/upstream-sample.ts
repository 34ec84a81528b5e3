import { startFakeRestApi } from './fake-rest-api.js';

/**
 * A fake of the upstream holding a known record, for the tests of tools made with
 * `create-enterprise-mcp add tool <name> --upstream-call` (they read that record through
 * ctx.upstream the way the preset's example call does).
 */
export interface UpstreamSample {
  /** Settings pointing the server at the fake. */
  env: Record<string, string>;
  /** Tool arguments naming the known record, and what the tool's answer contains for it. */
  sampleArguments: Record<string, unknown>;
  sampleRecord: Record<string, unknown>;
  /** Tool arguments naming a record the upstream does not have. */
  missingArguments: Record<string, unknown>;
  close(): Promise<void>;
}

/** The REST API with one item in `items`: the example call reads it. */
export async function startUpstreamSample(): Promise<UpstreamSample> {
  const fake = await startFakeRestApi({ auth: 'client_credentials' });
  fake.seed('items', [{ id: '1', name: 'First item' }]);
  return {
    env: fake.serverEnv,
    sampleArguments: { id: '1' },
    sampleRecord: { id: '1', name: 'First item' },
    missingArguments: { id: '404' },
    close: () => fake.close(),
  };
}
