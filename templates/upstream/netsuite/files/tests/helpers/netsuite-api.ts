import { upstreamHttpPolicy } from '../../src/upstream/http/settings.js';
import { createNetSuiteApi, type NetSuiteApi } from '../../src/upstream/netsuite/api.js';
import { readNetSuiteSettings } from '../../src/upstream/netsuite/settings.js';
import { testConfig } from './config.js';
import type { FakeNetSuite } from './fake-netsuite.js';
import { captureLogs, type CapturedLogs } from './logs.js';
import { isolatedSealedStore } from './test-store.js';
import type { VirtualTime } from './virtual-time.js';

export interface TestNetSuiteApi {
  api: NetSuiteApi;
  logs: CapturedLogs;
}

/**
 * The NetSuite API as the server builds it, pointed at `fake`, on virtual `time` (share it with the
 * fake so token lifetimes and backoff waits pass without waiting). Jitter is exactly one half, so
 * backoff delays are predictable. `env` adds or replaces settings. The token is kept in a store of its own.
 */
export function testNetSuiteApi(fake: FakeNetSuite, time: VirtualTime, env: Record<string, string> = {}): TestNetSuiteApi {
  const config = testConfig({ ...fake.serverEnv, ...env });
  const { settings, problems } = readNetSuiteSettings(config);
  if (settings === undefined) throw new Error(`incomplete NetSuite test settings: ${problems.join('; ')}`);
  const logs = captureLogs('debug');
  const api = createNetSuiteApi(settings, {
    policy: upstreamHttpPolicy(config),
    logger: logs.logger,
    store: isolatedSealedStore(),
    now: time.now,
    sleep: time.sleep,
    random: () => 0.5,
  });
  return { api, logs };
}
