import { startFakeRestApi } from './fake-rest-api.js';
import type { UpstreamSample } from './fake-upstream-session.js';

/** The REST API with one item in `items`: the example call reads it. */
export async function startUpstreamSample(): Promise<UpstreamSample> {
  const fake = await startFakeRestApi({ auth: 'client_credentials' });
  fake.seed('items', [{ id: '1', name: 'First item' }]);
  return {
    serverEnv: fake.serverEnv,
    sampleArguments: { id: '1' },
    sampleRecord: { id: '1', name: 'First item' },
    missingArguments: { id: '404' },
    presetCall: { name: 'api_get_item', arguments: { collection: 'items', id: '1' } },
    tokenRequestCount: () => fake.tokenRequests.length,
    close: () => fake.close(),
  };
}
