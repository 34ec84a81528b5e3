import type { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeEach } from 'vitest';

import { connectInProcess, type Era, type InProcessConnection } from './in-process-client.js';

/** What any fake upstream offers the session: settings pointing the server at it, and a way to stop it. */
export interface FakeUpstream {
  readonly serverEnv: Record<string, string>;
  close(): Promise<void>;
}

/** An MCP client of a server whose upstream is `fake`. */
export interface FakeUpstreamSession<F extends FakeUpstream> {
  readonly client: Client;
  readonly fake: F;
}

/**
 * Gives every test of the enclosing describe its own fake upstream (from `start`) and an MCP client
 * connected, in process, to a server configured for it, and closes both afterwards; so no test sees
 * another's records or requests, and a tool's test file holds only the tool's behaviours. The
 * properties are the current test's: read them inside tests, not where the describe is declared.
 */
export function withConnectedFake<F extends FakeUpstream>(era: Era, start: () => Promise<F>): FakeUpstreamSession<F> {
  let fake: F;
  let connection: InProcessConnection;
  beforeEach(async () => {
    fake = await start();
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
 * A fake of the project's upstream holding a known record (tests/helpers/upstream-sample.ts), for
 * the tests of tools made with `create-enterprise-mcp add tool <name> --upstream-call`: they read
 * that record through ctx.upstream the way the preset's example call does.
 */
export interface UpstreamSample extends FakeUpstream {
  /** Tool arguments naming the known record, and what the tool's answer contains for it. */
  readonly sampleArguments: Record<string, unknown>;
  readonly sampleRecord: Record<string, unknown>;
  /** Tool arguments naming a record the upstream does not have. */
  readonly missingArguments: Record<string, unknown>;
  /** A call of one of the preset's own tools that reads the known record, through the upstream's credentials. */
  readonly presetCall: { readonly name: string; readonly arguments: Record<string, unknown> };
  /** How many times a server asked the fake's token endpoint for an access token so far. */
  tokenRequestCount(): number;
}
