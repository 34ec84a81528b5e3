import { anonymousIdentity } from '../../src/auth/types.js';
import type { UpstreamCallContext } from '../../src/upstream/http/upstream-client.js';
import { createUpstreamApi, type UpstreamApi } from '../../src/upstream/index.js';
import { testConfig } from './config.js';
import type { FakeSalesforce } from './fake-salesforce.js';
import { captureLogs } from './logs.js';
import { isolatedSealedStore } from './test-store.js';

/**
 * The server's Salesforce API pointed at `fake`, with `env` on top of the fake's settings, keeping its
 * session in a store of its own.
 */
export function salesforceApiFor(fake: FakeSalesforce, env: Record<string, string> = {}): UpstreamApi {
  return createUpstreamApi(testConfig({ ...fake.serverEnv, ...env }), { logger: captureLogs().logger, store: isolatedSealedStore() });
}

/** What a tool passes to each call: the caller (anonymous here) and a signal nobody aborts. */
export function callContext(signal: AbortSignal = new AbortController().signal): UpstreamCallContext {
  return { identity: anonymousIdentity, signal };
}
