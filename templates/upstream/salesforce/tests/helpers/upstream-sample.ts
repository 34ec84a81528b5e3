import { startFakeSalesforce } from './fake-salesforce.js';

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

/** A Salesforce org holding one account: the example call reads it. */
export async function startUpstreamSample(): Promise<UpstreamSample> {
  const fake = await startFakeSalesforce();
  const id = fake.data.seed('Account', { Name: 'Acme Corporation', Industry: 'Manufacturing' });
  return {
    env: fake.serverEnv,
    sampleArguments: { id },
    sampleRecord: { Id: id, Name: 'Acme Corporation' },
    missingArguments: { id: '001000000000000AAA' },
    close: () => fake.close(),
  };
}
