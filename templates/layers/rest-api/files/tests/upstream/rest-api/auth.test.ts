import { afterEach, describe, expect, it } from 'vitest';

import { rememberCallerToken } from '../../../src/auth/caller-token.js';
import { FAKE_CREDENTIALS, startFakeRestApi, type FakeRestApi } from '../../helpers/fake-rest-api.js';
import { callContext, caller, restApiFor } from '../../helpers/rest-api-calls.js';
import { restApiTestIdp } from '../../helpers/rest-api-test-idp.js';

describe('REST API authentication', () => {
  let fake: FakeRestApi;
  afterEach(async () => {
    await fake.close();
  });

  describe('none', () => {
    it('sends no credentials and requests no token', async () => {
      fake = await startFakeRestApi({ auth: 'none' });
      fake.seed('orders', [{ id: '1' }]);
      await restApiFor(fake).get('orders', '1', callContext());
      expect(fake.requests[0]?.headers.authorization).toBeUndefined();
      expect(fake.tokenRequests).toHaveLength(0);
    });
  });

  describe('api_key', () => {
    it('sends the key in its own header, not as a bearer token', async () => {
      fake = await startFakeRestApi({ auth: 'api_key' });
      fake.seed('orders', [{ id: '1' }]);
      await expect(restApiFor(fake).get('orders', '1', callContext())).resolves.toEqual({ id: '1' });
      expect(fake.requests[0]?.headers).toMatchObject({ 'x-api-key': FAKE_CREDENTIALS.apiKey });
      expect(fake.requests[0]?.headers.authorization).toBeUndefined();
    });

    it('uses the header UPSTREAM_API_KEY_HEADER names', async () => {
      fake = await startFakeRestApi({ auth: 'none' });
      fake.seed('orders', [{ id: '1' }]);
      await restApiFor(fake, { UPSTREAM_API_AUTH: 'api_key', UPSTREAM_API_KEY: 'k-1', UPSTREAM_API_KEY_HEADER: 'X-Orders-Key' }).get('orders', '1', callContext());
      expect(fake.requests[0]?.headers['x-orders-key']).toBe('k-1');
    });

    it('reports a refused key as upstream_auth without revealing it', async () => {
      fake = await startFakeRestApi({ auth: 'api_key' });
      const api = restApiFor(fake, { UPSTREAM_API_KEY: 'revoked-key-value' });
      const failure = api.get('orders', '1', callContext());
      await expect(failure).rejects.toMatchObject({ code: 'upstream_auth' });
      await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('revoked-key-value') });
    });
  });

  describe('client_credentials', () => {
    it("requests this server's token once for many calls", async () => {
      fake = await startFakeRestApi({ auth: 'client_credentials' });
      fake.seed('orders', [{ id: '1' }]);
      const api = restApiFor(fake);
      for (let call = 0; call < 3; call++) await api.get('orders', '1', callContext());
      expect(fake.tokenRequests).toHaveLength(1);
      expect(fake.tokenRequests[0]?.params.grant_type).toBe('client_credentials');
      expect(fake.requests.map((request) => request.headers.authorization)).toEqual(Array(3).fill(expect.stringMatching(/^Bearer service-token-/)));
    });

    it('shares one token request between concurrent calls', async () => {
      fake = await startFakeRestApi({ auth: 'client_credentials' });
      fake.seed('orders', [{ id: '1' }]);
      const api = restApiFor(fake);
      await Promise.all(Array.from({ length: 5 }, () => api.get('orders', '1', callContext())));
      expect(fake.tokenRequests).toHaveLength(1);
    });

    it("presents the client secret the way the preset's identity provider expects", async () => {
      fake = await startFakeRestApi({ auth: 'client_credentials' });
      fake.seed('orders', [{ id: '1' }]);
      await restApiFor(fake).get('orders', '1', callContext());
      const [request] = fake.tokenRequests;
      if (restApiTestIdp.clientAuthMethod === 'client_secret_basic') {
        expect(request?.headers.authorization).toMatch(/^Basic /);
        expect(request?.params.client_secret).toBeUndefined();
      } else {
        expect(request?.params).toMatchObject({ client_id: FAKE_CREDENTIALS.clientId, client_secret: FAKE_CREDENTIALS.clientSecret });
      }
    });

    it('fetches a fresh token when the API refuses the cached one, and retries the call', async () => {
      fake = await startFakeRestApi({ auth: 'client_credentials' });
      fake.seed('orders', [{ id: '1' }]);
      const api = restApiFor(fake);
      await api.get('orders', '1', callContext());
      fake.revokeIssuedTokens();
      await expect(api.get('orders', '1', callContext())).resolves.toEqual({ id: '1' });
      expect(fake.tokenRequests).toHaveLength(2);
    });

    it('reports refused client credentials as upstream_auth without revealing the secret', async () => {
      fake = await startFakeRestApi({ auth: 'client_credentials' });
      const api = restApiFor(fake, { UPSTREAM_CLIENT_SECRET: 'wrong-secret-value' });
      const failure = api.get('orders', '1', callContext());
      await expect(failure).rejects.toMatchObject({ code: 'upstream_auth', message: expect.stringContaining('invalid_client') });
      await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('wrong-secret-value') });
      expect(fake.requests).toHaveLength(0);
    });

    it("never sends the MCP caller's own access token to the API", async () => {
      fake = await startFakeRestApi({ auth: 'client_credentials' });
      fake.seed('orders', [{ id: '1' }]);
      const callerToken = fake.issueCallerToken('alice');
      await restApiFor(fake).get('orders', '1', callContext(rememberCallerToken(caller('alice'), callerToken)));
      expect(JSON.stringify([fake.requests, fake.tokenRequests])).not.toContain(callerToken);
    });
  });
});
