import { anonymousIdentity } from '../../src/auth/types.js';
import { createUpstreamClient, type UpstreamCallContext, type UpstreamClient, type UpstreamClientOptions } from '../../src/upstream/http/upstream-client.js';
import type { FakeHttpUpstream } from './fake-http-upstream.js';
import { captureLogs, type CapturedLogs } from './logs.js';
import { VirtualTime } from './virtual-time.js';

export interface TestUpstreamClient {
  client: UpstreamClient;
  /** The clock and sleep the client uses: backoff waits are recorded in `time.sleeps`, never waited for. */
  time: VirtualTime;
  /** Everything the client logged, at debug level. */
  logs: CapturedLogs;
}

/**
 * A client of `fake` with policies that make tests easy to follow: 3 retries, 100 ms backoff base,
 * 1 s cap, a breaker that stays closed, virtual time and a jitter of exactly one half.
 */
export function testUpstreamClient(fake: FakeHttpUpstream, overrides: Partial<UpstreamClientOptions> = {}): TestUpstreamClient {
  const time = new VirtualTime();
  const logs = captureLogs('debug');
  const client = createUpstreamClient({
    upstream: 'Fake API',
    baseUrl: `${fake.url}/api/v1`,
    timeoutMs: 2_000,
    retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, totalTimeoutMs: 60_000 },
    breaker: { failureThreshold: 1_000, openMs: 30_000 },
    logger: logs.logger,
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    ...overrides,
  });
  return { client, time, logs };
}

/** The context of one call: an anonymous caller who may cancel through `controller`. */
export function callContext(controller = new AbortController()): UpstreamCallContext {
  return { identity: anonymousIdentity, signal: controller.signal };
}
