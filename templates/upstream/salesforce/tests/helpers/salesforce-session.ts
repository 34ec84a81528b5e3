import type { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeEach } from 'vitest';

import type { UpstreamApi } from '../../src/upstream/index.js';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from './fake-salesforce.js';
import { connectInProcess, type Era, type InProcessConnection } from './in-process-client.js';
import { salesforceApiFor } from './salesforce-api.js';

/** An MCP client of a server whose Salesforce org is `fake`. */
export interface FakeSalesforceToolSession {
  readonly client: Client;
  readonly fake: FakeSalesforce;
}

/** The server's Salesforce API pointed at `fake`. */
export interface FakeSalesforceApiSession {
  readonly fake: FakeSalesforce;
  readonly api: UpstreamApi;
}

/**
 * Gives every test of the enclosing describe its own fake Salesforce org (started with `options`)
 * and an MCP client connected, in process, to a server configured for it, and closes both
 * afterwards; so no test sees another's records or requests, and a tool's test file holds only the
 * tool's behaviours. The properties are the current test's: read them inside tests, not where the
 * describe is declared.
 */
export function withFakeSalesforce(era: Era, options: FakeSalesforceOptions = {}): FakeSalesforceToolSession {
  let fake: FakeSalesforce;
  let connection: InProcessConnection;
  beforeEach(async () => {
    fake = await startFakeSalesforce(options);
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
