import { afterEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { startFakeSalesforce, type FakeSalesforce } from '../helpers/fake-salesforce.js';
import { connectHttpClient, startTestServer } from '../helpers/http-server.js';
import { connectInProcess, type InProcessConnection } from '../helpers/in-process-client.js';
import { outputSchemaViolation, toolErrorOf } from '../helpers/tool-results.js';

const SALESFORCE_TOOLS = [
  'salesforce_create_record',
  'salesforce_delete_record',
  'salesforce_describe',
  'salesforce_get_record',
  'salesforce_soql',
  'salesforce_update_record',
];

/** One valid call of each tool; none of them reaches Salesforce when settings are missing. */
const SAMPLE_ARGUMENTS: Record<string, Record<string, unknown>> = {
  salesforce_create_record: { sobject: 'Account', fields: { Name: 'Acme' } },
  salesforce_delete_record: { sobject: 'Account', id: '001000000000001AAA' },
  salesforce_describe: {},
  salesforce_get_record: { sobject: 'Account', id: '001000000000001AAA' },
  salesforce_soql: { query: 'SELECT Id FROM Account' },
  salesforce_update_record: { sobject: 'Account', id: '001000000000001AAA', fields: { Name: 'Acme' } },
};

describe('the Salesforce tools', () => {
  let connection: InProcessConnection | undefined;
  let fake: FakeSalesforce | undefined;
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await connection?.close();
    await server?.close();
    await fake?.close();
    connection = undefined;
    server = undefined;
    fake = undefined;
  });

  it('are listed with hints of what they change', async () => {
    connection = await connectInProcess('modern');
    const { tools } = await connection.client.listTools();
    const hints = Object.fromEntries(tools.filter((tool) => tool.name.startsWith('salesforce_')).map((tool) => [tool.name, tool.annotations]));
    expect(Object.keys(hints).sort()).toEqual(SALESFORCE_TOOLS);
    for (const name of ['salesforce_get_record', 'salesforce_soql', 'salesforce_describe']) expect(hints[name], name).toMatchObject({ readOnlyHint: true });
    for (const name of ['salesforce_update_record', 'salesforce_delete_record']) expect(hints[name], name).toMatchObject({ destructiveHint: true });
  });

  it('each answer upstream_not_configured, listing what is missing, within their output schema, while the credentials are not set', async () => {
    connection = await connectInProcess('modern', { env: { SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com', SALESFORCE_AUTH_FLOW: 'client_credentials' } });
    const { tools } = await connection.client.listTools();
    for (const name of SALESFORCE_TOOLS) {
      const result = await connection.client.callTool({ name, arguments: SAMPLE_ARGUMENTS[name] ?? {} });
      expect(result.isError, name).toBe(true);
      expect(toolErrorOf(result), name).toMatchObject({
        code: 'upstream_not_configured',
        problems: [expect.stringMatching(/^SALESFORCE_CLIENT_ID: /), expect.stringMatching(/^SALESFORCE_CLIENT_SECRET: /)],
      });
      const tool = tools.find((candidate) => candidate.name === name);
      expect(tool?.outputSchema, name).toBeDefined();
      expect(outputSchemaViolation(tool!, result), name).toBeUndefined();
    }
  });

  it('never pass the MCP caller\'s credentials on to Salesforce', async () => {
    fake = await startFakeSalesforce();
    fake.data.seed('Account', { Name: 'Acme' });
    server = await startTestServer(fake.serverEnv);
    const callerCredentials: string[] = [];
    const client = await connectHttpClient(server, 'modern', async (url, init) => {
      const authorization = new Headers(init?.headers).get('authorization');
      if (authorization !== null) callerCredentials.push(authorization);
      return fetch(url, init);
    });
    try {
      const result = await client.callTool({ name: 'salesforce_soql', arguments: { query: 'SELECT Name FROM Account' } });
      expect(result.structuredContent).toMatchObject({ records: [{ Name: 'Acme' }] });
    } finally {
      await client.close();
    }
    const sentToSalesforce = fake.requests.map((request) => `${request.authorization ?? ''} ${request.body} ${JSON.stringify(request.query)}`).join('\n');
    for (const credential of callerCredentials) expect(sentToSalesforce).not.toContain(credential.replace(/^Bearer /, ''));
    expect(fake.apiRequests().map((request) => request.authorization)).toEqual([expect.stringMatching(/^Bearer 00DFAKE/)]);
  });
});
