import { startFakeNetSuite } from './fake-netsuite.js';
import type { UpstreamSample } from './fake-upstream-session.js';

/** NetSuite with its seeded customers: the example call reads customer 101. */
export async function startUpstreamSample(): Promise<UpstreamSample> {
  const fake = await startFakeNetSuite();
  return {
    serverEnv: fake.serverEnv,
    sampleArguments: { id: '101' },
    sampleRecord: { id: '101', companyName: 'Customer 101' },
    missingArguments: { id: '999999' },
    presetCall: { name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '101' } },
    tokenRequestCount: () => fake.tokenRequests().length,
    close: () => fake.close(),
  };
}
