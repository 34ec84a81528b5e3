import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { rememberCallerToken } from '../../src/auth/caller-token.js';
import type { Identity } from '../../src/auth/types.js';
import { startFakeRestApi, type FakeRestApi } from '../helpers/fake-rest-api.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
import { caller } from '../helpers/rest-api-calls.js';

/**
 * Token exchange through a tool: the caller's identity, as a token-verifying auth strategy
 * establishes it, goes from the MCP request to api_get_item and on to the realm, which exchanges the
 * caller's access token for one of the REST API. The fake's token endpoint plays the realm.
 */
describe.each(ERAS)('api_get_item with Keycloak token exchange over the %s protocol era', (era) => {
  let fake: FakeRestApi;
  const connections: InProcessConnection[] = [];

  beforeEach(async () => {
    fake = await startFakeRestApi({ auth: 'token_exchange' });
    fake.seed('orders', [{ id: '1', status: 'open' }]);
  });
  afterEach(async () => {
    for (const connection of connections.splice(0)) await connection.close();
    await fake.close();
  });

  /** A caller whose verified access token the realm issued. */
  const signedIn = (subject: string): Identity => rememberCallerToken(caller(subject), fake.issueCallerToken(subject));

  /** An MCP client connected as `identity`. */
  const connectAs = async (identity: Identity): Promise<InProcessConnection> => {
    const connection = await connectInProcess(era, { env: fake.serverEnv, identity });
    connections.push(connection);
    return connection;
  };

  const getOrder = (connection: InProcessConnection) => connection.client.callTool({ name: 'api_get_item', arguments: { collection: 'orders', id: '1' } });
  const exchanges = () => fake.tokenRequests.filter((request) => request.params.grant_type === 'urn:ietf:params:oauth:grant-type:token-exchange');

  it('returns the item to a signed-in caller', async () => {
    const result = await getOrder(await connectAs(signedIn('alice')));
    expect(result.structuredContent).toEqual({ collection: 'orders', id: '1', item: { id: '1', status: 'open' } });
  });

  it("calls the API with a token exchanged for the caller, never the caller's own", async () => {
    const callerToken = fake.issueCallerToken('alice');
    await getOrder(await connectAs(rememberCallerToken(caller('alice'), callerToken)));
    expect(exchanges()[0]?.params.subject_token).toBe(callerToken);
    expect(fake.requests.map((request) => request.tokenSubject)).toEqual(['alice']);
    expect(JSON.stringify(fake.requests)).not.toContain(callerToken);
  });

  it('reuses the exchanged token for the same caller', async () => {
    const connection = await connectAs(signedIn('alice'));
    await getOrder(connection);
    await getOrder(connection);
    expect(exchanges()).toHaveLength(1);
    expect(fake.requests.map((request) => request.tokenSubject)).toEqual(['alice', 'alice']);
  });

  it('exchanges once for each of two callers', async () => {
    await getOrder(await connectAs(signedIn('alice')));
    await getOrder(await connectAs(signedIn('bob')));
    expect(exchanges()).toHaveLength(2);
    expect(fake.requests.map((request) => request.tokenSubject)).toEqual(['alice', 'bob']);
  });
});
