import type { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeEach } from 'vitest';

import type { NetSuiteApi } from '../../src/upstream/netsuite/api.js';
import { startFakeNetSuite, type FakeNetSuite, type FakeNetSuiteOptions } from './fake-netsuite.js';
import { connectInProcess, type Era, type InProcessConnection } from './in-process-client.js';
import { testNetSuiteApi } from './netsuite-api.js';
import { VirtualTime } from './virtual-time.js';

/** An MCP client of a server whose NetSuite is `fake`. */
export interface FakeNetSuiteToolSession {
  readonly client: Client;
  readonly fake: FakeNetSuite;
}

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

/**
 * Gives every test of the enclosing describe its own fake NetSuite and an MCP client connected, in
 * process, to a server configured for it, and closes both afterwards; so no test sees another's
 * records or requests, and a tool's test file holds only the tool's behaviours. The properties are
 * the current test's: read them inside tests, not where the describe is declared.
 */
export function withFakeNetSuite(era: Era): FakeNetSuiteToolSession {
  let fake: FakeNetSuite;
  let connection: InProcessConnection;
  beforeEach(async () => {
    fake = await startFakeNetSuite();
    connection = await connectInProcess(era, { env: fake.serverEnv });
  });
  afterEach(async () => {
    await connection.close();
    await fake.close();
  });
  return {
    get client() {
      return connection.client;
    },
    get fake() {
      return fake;
    },
  };
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
