import type { Identity } from '../../src/auth/types.js';
import type { UpstreamCallContext } from '../../src/upstream/http/upstream-client.js';
import { createUpstreamApi } from '../../src/upstream/index.js';
import type { RestApi } from '../../src/upstream/rest-api/rest-api.js';
import { testConfig } from './config.js';
import type { FakeRestApi } from './fake-rest-api.js';
import { captureLogs } from './logs.js';

/** A caller as a token-verifying auth strategy would establish it. */
export function caller(subject = 'alice'): Identity {
  return { subject, scopes: [], roles: [] };
}

/** What a tool passes to the REST API: the caller and a signal that never aborts. */
export function callContext(identity: Identity = caller()): UpstreamCallContext {
  return { identity, signal: new AbortController().signal };
}

/** The server's REST API, configured for `fake` (and `env` on top), as tools reach it. */
export function restApiFor(fake: FakeRestApi, env: Record<string, string> = {}): RestApi {
  return createUpstreamApi(testConfig({ ...fake.serverEnv, ...env }), { logger: captureLogs().logger }).rest;
}
