import { afterEach, beforeEach } from 'vitest';

import type { UpstreamApi } from '../../src/upstream/index.js';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from './fake-salesforce.js';
import { withConnectedFake, type FakeUpstreamSession } from './fake-upstream-session.js';
import type { Era } from './in-process-client.js';
import { salesforceApiFor } from './salesforce-api.js';

/** An MCP client of a server whose Salesforce org is `fake`. */
export type FakeSalesforceToolSession = FakeUpstreamSession<FakeSalesforce>;

/** The server's Salesforce API pointed at `fake`. */
export interface FakeSalesforceApiSession {
  readonly fake: FakeSalesforce;
  readonly api: UpstreamApi;
}

/** Every test of the enclosing describe gets its own fake Salesforce org (started with `options`) and a client of a server using it. */
export function withFakeSalesforce(era: Era, options: FakeSalesforceOptions = {}): FakeSalesforceToolSession {
  return withConnectedFake(era, () => startFakeSalesforce(options));
}

/**
 * Gives every test of the enclosing describe its own fake Salesforce org and the server's
 * Salesforce API pointed at it (see `salesforceApiFor`), and closes the fake afterwards; so no
 * session is cached from one test to the next. The properties are the current test's: read them
 * inside tests.
 */
export function withFakeSalesforceApi(): FakeSalesforceApiSession {
  let fake: FakeSalesforce;
  let api: UpstreamApi;
  beforeEach(async () => {
    fake = await startFakeSalesforce();
    api = salesforceApiFor(fake);
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
