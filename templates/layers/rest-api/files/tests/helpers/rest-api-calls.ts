import { afterEach, beforeEach } from 'vitest';

import type { Identity } from '../../src/auth/types.js';
import type { UpstreamCallContext } from '../../src/upstream/http/upstream-client.js';
import { createUpstreamApi } from '../../src/upstream/index.js';
import type { RestApi } from '../../src/upstream/rest-api/rest-api.js';
import { testConfig } from './config.js';
import { startFakeRestApi, type FakeRestApi, type FakeRestApiOptions } from './fake-rest-api.js';
import { captureLogs } from './logs.js';
import { isolatedSealedStore } from './test-store.js';

/** A caller as a token-verifying auth strategy would establish it. */
export function caller(subject = 'alice'): Identity {
  return { subject, scopes: [], roles: [] };
}

/** What a tool passes to the REST API: the caller and a signal that never aborts. */
export function callContext(identity: Identity = caller()): UpstreamCallContext {
  return { identity, signal: new AbortController().signal };
}

/** The server's REST API, configured for `fake` (and `env` on top), as tools reach it; its tokens in a store of its own. */
export function restApiFor(fake: FakeRestApi, env: Record<string, string> = {}): RestApi {
  return createUpstreamApi(testConfig({ ...fake.serverEnv, ...env }), { logger: captureLogs().logger, store: isolatedSealedStore() }).rest;
}

/** The server's REST API pointed at a fake of its own, for one test. */
export interface FakeRestApiSession {
  readonly fake: FakeRestApi;
  readonly api: RestApi;
}

/**
 * Gives every test of the enclosing describe its own fake REST API (started with `options`, then
 * `prepare`d, e.g. seeded) and the server's REST API configured for it with `env` on top, and closes
 * the fake afterwards. The properties are the current test's: read them inside tests.
 */
export function withFakeRestApi(
  options: FakeRestApiOptions,
  { env = {}, prepare }: { env?: Record<string, string>; prepare?: (fake: FakeRestApi) => void } = {},
): FakeRestApiSession {
  let fake: FakeRestApi;
  let api: RestApi;
  beforeEach(async () => {
    fake = await startFakeRestApi(options);
    prepare?.(fake);
    api = restApiFor(fake, env);
  });
  afterEach(async () => {
    await fake.close();
  });
  return {
    get fake() {
      return fake;
    },
    get api() {
      return api;
    },
  };
}
