import { afterEach, beforeEach } from 'vitest';

import type { NetSuiteApi } from '../../src/upstream/netsuite/api.js';
import { startFakeNetSuite, type FakeNetSuite, type FakeNetSuiteOptions } from './fake-netsuite.js';
import { withConnectedFake, type FakeUpstreamSession } from './fake-upstream-session.js';
import type { Era } from './in-process-client.js';
import { testNetSuiteApi } from './netsuite-api.js';
import { VirtualTime } from './virtual-time.js';

/** An MCP client of a server whose NetSuite is `fake`. */
export type FakeNetSuiteToolSession = FakeUpstreamSession<FakeNetSuite>;

/** The server's NetSuite API pointed at `fake`, both on virtual `time`. */
export interface FakeNetSuiteApiSession {
  readonly time: VirtualTime;
  readonly fake: FakeNetSuite;
  readonly api: NetSuiteApi;
  /** Rebuilds `api` with `env` on top of the fake's settings, for a test about one setting. */
  reconfigure(env: Record<string, string>): void;
  /** Replaces the fake with one started with `options` (on the same clock) and rebuilds `api` for it. */
  restartFake(options: FakeNetSuiteOptions): Promise<void>;
}

/** Every test of the enclosing describe gets its own fake NetSuite and a client of a server using it. */
export function withFakeNetSuite(era: Era): FakeNetSuiteToolSession {
  return withConnectedFake(era, () => startFakeNetSuite());
}

/**
 * Gives every test of the enclosing describe a fresh clock, a fake NetSuite on it and the server's
 * NetSuite API pointed at the fake (see `testNetSuiteApi`), and closes the fake afterwards: token
 * lifetimes and backoff waits pass without waiting, and no token is cached from one test to the next.
 * The properties are the current test's: read them inside tests.
 */
export function withFakeNetSuiteApi(): FakeNetSuiteApiSession {
  let time: VirtualTime;
  let fake: FakeNetSuite;
  let api: NetSuiteApi;
  beforeEach(async () => {
    time = new VirtualTime();
    fake = await startFakeNetSuite({ now: time.now });
    ({ api } = testNetSuiteApi(fake, time));
  });
  afterEach(async () => {
    await fake.close();
  });
  return {
    get time() {
      return time;
    },
    get fake() {
      return fake;
    },
    get api() {
      return api;
    },
    reconfigure(env) {
      ({ api } = testNetSuiteApi(fake, time, env));
    },
    async restartFake(options) {
      await fake.close();
      fake = await startFakeNetSuite({ now: time.now, ...options });
      ({ api } = testNetSuiteApi(fake, time));
    },
  };
}
