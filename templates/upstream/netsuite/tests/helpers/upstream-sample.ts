import { startFakeNetSuite } from './fake-netsuite.js';

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

/** NetSuite with its seeded customers: the example call reads customer 101. */
export async function startUpstreamSample(): Promise<UpstreamSample> {
  const fake = await startFakeNetSuite();
  return {
    env: fake.serverEnv,
    sampleArguments: { id: '101' },
    sampleRecord: { id: '101', companyName: 'Customer 101' },
    missingArguments: { id: '999999' },
    close: () => fake.close(),
  };
}
