import { startFakeSalesforce } from './fake-salesforce.js';
import type { UpstreamSample } from './fake-upstream-session.js';

/** A Salesforce org holding one account: the example call reads it. */
export async function startUpstreamSample(): Promise<UpstreamSample> {
  const fake = await startFakeSalesforce();
  const id = fake.data.seed('Account', { Name: 'Acme Corporation', Industry: 'Manufacturing' });
  return {
    serverEnv: fake.serverEnv,
    sampleArguments: { id },
    sampleRecord: { Id: id, Name: 'Acme Corporation' },
    missingArguments: { id: '001000000000000AAA' },
    presetCall: { name: 'salesforce_get_record', arguments: { sobject: 'Account', id } },
    tokenRequestCount: () => fake.tokenRequests().length,
    close: () => fake.close(),
  };
}
