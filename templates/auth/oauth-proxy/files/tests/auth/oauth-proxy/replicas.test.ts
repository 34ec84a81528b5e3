import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../../src/http/server.js';
import { startTestServer } from '../../helpers/http-server.js';
import { signIn, TestOAuthClient } from '../../helpers/mcp-oauth-client.js';
import { presetTestIdp } from '../../helpers/preset-claims.js';
import { RoundRobinBalancer } from '../../helpers/round-robin-balancer.js';
import { signedInApi } from '../../helpers/signed-in-api.js';
import { isolatedStore } from '../../helpers/test-store.js';
import { TestUpstream } from '../../helpers/upstream-provider.js';

describe('two replicas behind one address, sharing one store', () => {
  let balancer: RoundRobinBalancer;
  let upstream: TestUpstream;
  const replicas: RunningHttpServer[] = [];

  beforeAll(async () => {
    balancer = await RoundRobinBalancer.start();
    upstream = await TestUpstream.start({ redirectUris: [`${balancer.url}/oauth/upstream/callback`] });
    const store = isolatedStore();
    // What replicas share in production: the public address, the signing and sealing keys, the store.
    const env = {
      PUBLIC_URL: balancer.url,
      STORE_SEALING_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
      ...presetTestIdp.serverEnv(upstream.issuer),
      SIGN_IN_CLIENT_ID: upstream.client.clientId,
      SIGN_IN_CLIENT_SECRET: upstream.client.clientSecret,
      ...signedInApi.serverEnv(upstream),
    };
    replicas.push(await startTestServer(env, { store }), await startTestServer(env, { store }));
    balancer.replicas = replicas.map((replica) => replica.url);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await balancer?.close();
    await upstream?.close();
  });

  it('signs a user in with every step on another replica than the one before, and both serve their tool calls', async () => {
    const { client } = await signIn(balancer, upstream, new TestOAuthClient());
    // Consecutive calls alternate between the replicas.
    for (const id of [1, 2, 3, 4].map(signedInApi.itemId)) {
      expect(signedInApi.itemOf(await signedInApi.readItem(client, id))).toMatchObject({ id, readAs: 'alice' });
    }
    await client.close();
  });
});
