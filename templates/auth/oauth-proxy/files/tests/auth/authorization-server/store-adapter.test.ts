import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import Provider, { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeAdapterFactory, type StoreAdapterOptions } from '../../../src/auth/authorization-server/store-adapter.js';
import type { Store } from '../../../src/storage/store.js';
import { isolatedStore } from '../../helpers/test-store.js';

let store: Store;
let adapterFor: (model: string) => Adapter;
beforeEach(() => {
  store = isolatedStore();
  adapterFor = storeAdapterFactory(store);
});

/** Whole seconds since the epoch, as the provider writes times into payloads. */
const epochSeconds = () => Math.floor(Date.now() / 1000);

describe('authorization server storage (oidc-provider adapter over the store)', () => {
  describe('records', () => {
    it('finds a record by id as it was stored', async () => {
      const tokens = adapterFor('AccessToken');
      await tokens.upsert('at-1', { accountId: 'alice', clientId: 'client-1', scope: 'openid', exp: epochSeconds() + 60 }, 60);
      await expect(tokens.find('at-1')).resolves.toEqual({ accountId: 'alice', clientId: 'client-1', scope: 'openid', exp: expect.any(Number) });
    });

    it('finds nothing under an id never stored', async () => {
      await expect(adapterFor('AccessToken').find('never-stored')).resolves.toBeUndefined();
    });

    it('keeps the members of a payload that JSON can carry and drops those left undefined', async () => {
      const sessions = adapterFor('Session');
      await sessions.upsert('session-1', { uid: 'uid-1', accountId: 'alice', acr: undefined, amr: ['pwd'] }, 60);
      await expect(sessions.find('session-1')).resolves.toStrictEqual({ uid: 'uid-1', accountId: 'alice', amr: ['pwd'] });
    });

    it('keeps the models apart: one id in two models is two records', async () => {
      await adapterFor('AccessToken').upsert('shared-id', { accountId: 'alice' }, 60);
      await expect(adapterFor('RefreshToken').find('shared-id')).resolves.toBeUndefined();
    });

    it('replaces a record upserted again under the same id', async () => {
      const grants = adapterFor('Grant');
      await grants.upsert('grant-1', { accountId: 'alice', clientId: 'client-1', openid: { scope: 'openid' } }, 60);
      await grants.upsert('grant-1', { accountId: 'alice', clientId: 'client-1', openid: { scope: 'openid email' } }, 60);
      await expect(grants.find('grant-1')).resolves.toMatchObject({ openid: { scope: 'openid email' } });
    });

    it('forgets a record once the lifetime it was stored with is over', async () => {
      const codes = adapterFor('AuthorizationCode');
      await codes.upsert('code-1', { accountId: 'alice' }, 0.2);
      await sleep(300);
      await expect(codes.find('code-1')).resolves.toBeUndefined();
    });

    it('keeps a record stored without a lifetime', async () => {
      const grants = adapterFor('Grant');
      await grants.upsert('grant-1', { accountId: 'alice' });
      await expect(grants.find('grant-1')).resolves.toEqual({ accountId: 'alice' });
    });

    it('forgets a record destroyed', async () => {
      const tokens = adapterFor('AccessToken');
      await tokens.upsert('at-1', { accountId: 'alice' }, 60);
      await tokens.destroy('at-1');
      await expect(tokens.find('at-1')).resolves.toBeUndefined();
    });
  });

  describe('lookups by uid and user code', () => {
    it('finds a session by its uid', async () => {
      const sessions = adapterFor('Session');
      await sessions.upsert('session-1', { uid: 'uid-1', accountId: 'alice' }, 60);
      await expect(sessions.findByUid('uid-1')).resolves.toEqual({ uid: 'uid-1', accountId: 'alice' });
    });

    it('finds nothing by an unknown uid', async () => {
      await expect(adapterFor('Session').findByUid('unknown')).resolves.toBeUndefined();
    });

    it('finds a session by its uid after the provider moved it to a new id and destroyed the old one', async () => {
      const sessions = adapterFor('Session');
      await sessions.upsert('old-id', { uid: 'uid-1', accountId: 'alice' }, 60);
      await sessions.upsert('new-id', { uid: 'uid-1', accountId: 'alice', loginTs: 1 }, 60);
      await sessions.destroy('old-id');
      await expect(sessions.findByUid('uid-1')).resolves.toEqual({ uid: 'uid-1', accountId: 'alice', loginTs: 1 });
    });

    it('finds nothing by the uid of a destroyed session', async () => {
      const sessions = adapterFor('Session');
      await sessions.upsert('session-1', { uid: 'uid-1' }, 60);
      await sessions.destroy('session-1');
      await expect(sessions.findByUid('uid-1')).resolves.toBeUndefined();
    });

    it('finds nothing by the uid of an expired session', async () => {
      const sessions = adapterFor('Session');
      await sessions.upsert('session-1', { uid: 'uid-1' }, 0.2);
      await sleep(300);
      await expect(sessions.findByUid('uid-1')).resolves.toBeUndefined();
    });

    it('finds a device code by its user code', async () => {
      const deviceCodes = adapterFor('DeviceCode');
      await deviceCodes.upsert('device-1', { userCode: 'ABCD-EFGH', clientId: 'tv' }, 60);
      await expect(deviceCodes.findByUserCode('ABCD-EFGH')).resolves.toEqual({ userCode: 'ABCD-EFGH', clientId: 'tv' });
    });

    it('finds nothing by a user code no longer carried by the record it pointed at', async () => {
      const deviceCodes = adapterFor('DeviceCode');
      await deviceCodes.upsert('device-1', { userCode: 'ABCD-EFGH' }, 60);
      await deviceCodes.upsert('device-1', { userCode: 'WXYZ-WXYZ' }, 60);
      await expect(deviceCodes.findByUserCode('ABCD-EFGH')).resolves.toBeUndefined();
    });
  });

  describe('consume', () => {
    it('marks a record consumed at the current time in epoch seconds', async () => {
      const codes = adapterFor('AuthorizationCode');
      await codes.upsert('code-1', { accountId: 'alice', grantId: 'grant-1' }, 60);
      const before = epochSeconds();
      await codes.consume('code-1');
      const consumed = (await codes.find('code-1'))?.consumed as number;
      expect(consumed).toBeGreaterThanOrEqual(before);
      expect(consumed).toBeLessThanOrEqual(epochSeconds());
      await expect(codes.find('code-1')).resolves.toMatchObject({ accountId: 'alice', grantId: 'grant-1' });
    });

    it('keeps the remaining lifetime of the record it marks', async () => {
      const codes = adapterFor('AuthorizationCode');
      const storedAt = Date.now();
      await codes.upsert('code-1', { accountId: 'alice' }, 1);
      await sleep(600);
      await codes.consume('code-1');
      // A consume that restarted the lifetime would keep the code until about 1.6 s after it was stored.
      await sleep(Math.max(0, storedAt + 1_150 - Date.now()));
      await expect(codes.find('code-1')).resolves.toBeUndefined();
    });

    it('lets exactly one of many concurrent consumers mark a code; the others are refused with invalid_grant', async () => {
      const codes = adapterFor('AuthorizationCode');
      await codes.upsert('code-1', { accountId: 'alice' }, 60);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume('code-1')));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results.filter((outcome) => outcome.status === 'rejected')) {
        expect(result.reason).toBeInstanceOf(errors.InvalidGrant);
      }
    });

    it('refuses with invalid_grant to consume a record that is no longer stored', async () => {
      await expect(adapterFor('RefreshToken').consume('gone')).rejects.toBeInstanceOf(errors.InvalidGrant);
    });

    it('refuses a pushed authorization request consumed twice as an invalid request_uri', async () => {
      const requests = adapterFor('PushedAuthorizationRequest');
      await requests.upsert('par-1', { request: 'eyJ...' }, 60);
      await requests.consume('par-1');
      await expect(requests.consume('par-1')).rejects.toBeInstanceOf(errors.InvalidRequestUri);
    });
  });

  describe('refresh tokens within the grace period', () => {
    const graceSeconds = 2;
    let refreshTokens: Adapter;
    beforeEach(async () => {
      refreshTokens = storeAdapterFactory(store, { refreshTokenGraceSeconds: graceSeconds })('RefreshToken');
      await refreshTokens.upsert('rt-1', { accountId: 'alice', grantId: 'grant-1' }, 600);
      await refreshTokens.consume('rt-1');
    });

    it('reads a refresh token exchanged moments ago as unused, so a concurrent refresh succeeds', async () => {
      expect((await refreshTokens.find('rt-1'))?.consumed).toBeUndefined();
    });

    it('lets the concurrent refresh consume it again', async () => {
      await expect(refreshTokens.consume('rt-1')).resolves.toBeUndefined();
    });

    it('reads it as consumed once the grace period is over, so a late reuse is detected', async () => {
      await sleep((graceSeconds + 1.1) * 1000);
      expect((await refreshTokens.find('rt-1'))?.consumed).toEqual(expect.any(Number));
      await expect(refreshTokens.consume('rt-1')).rejects.toThrow(errors.InvalidGrant);
    });

    it('gives codes no grace: a code consumed once reads as consumed', async () => {
      const codes = storeAdapterFactory(store, { refreshTokenGraceSeconds: graceSeconds })('AuthorizationCode');
      await codes.upsert('code-1', { accountId: 'alice', grantId: 'grant-1' }, 60);
      await codes.consume('code-1');
      expect((await codes.find('code-1'))?.consumed).toEqual(expect.any(Number));
    });
  });

  describe('revokeByGrantId', () => {
    it('removes every token and code issued under the grant', async () => {
      await adapterFor('AccessToken').upsert('at-1', { grantId: 'grant-1' }, 60);
      await adapterFor('RefreshToken').upsert('rt-1', { grantId: 'grant-1' }, 60);
      await adapterFor('AuthorizationCode').upsert('code-1', { grantId: 'grant-1' }, 60);
      await adapterFor('RefreshToken').revokeByGrantId('grant-1');
      await expect(adapterFor('AccessToken').find('at-1')).resolves.toBeUndefined();
      await expect(adapterFor('RefreshToken').find('rt-1')).resolves.toBeUndefined();
      await expect(adapterFor('AuthorizationCode').find('code-1')).resolves.toBeUndefined();
    });

    it('leaves the tokens of other grants', async () => {
      await adapterFor('AccessToken').upsert('at-1', { grantId: 'grant-1' }, 60);
      await adapterFor('AccessToken').upsert('at-2', { grantId: 'grant-2' }, 60);
      await adapterFor('AccessToken').revokeByGrantId('grant-1');
      await expect(adapterFor('AccessToken').find('at-2')).resolves.toEqual({ grantId: 'grant-2' });
    });

    it('leaves the grant itself and an interaction that mentions it', async () => {
      await adapterFor('Grant').upsert('grant-1', { accountId: 'alice', clientId: 'client-1' }, 60);
      await adapterFor('Interaction').upsert('interaction-1', { grantId: 'grant-1', returnTo: 'https://as.example.test/auth/x' }, 60);
      await adapterFor('AccessToken').upsert('at-1', { grantId: 'grant-1' }, 60);
      await adapterFor('AccessToken').revokeByGrantId('grant-1');
      await expect(adapterFor('Grant').find('grant-1')).resolves.toEqual({ accountId: 'alice', clientId: 'client-1' });
      await expect(adapterFor('Interaction').find('interaction-1')).resolves.toMatchObject({ grantId: 'grant-1' });
    });

    it('also ends the lookup of a revoked device code by its user code', async () => {
      const deviceCodes = adapterFor('DeviceCode');
      await deviceCodes.upsert('device-1', { userCode: 'ABCD-EFGH', grantId: 'grant-1' }, 60);
      await deviceCodes.revokeByGrantId('grant-1');
      await expect(deviceCodes.findByUserCode('ABCD-EFGH')).resolves.toBeUndefined();
    });

    it('removes a token consumed after it was issued', async () => {
      const refreshTokens = adapterFor('RefreshToken');
      await refreshTokens.upsert('rt-1', { grantId: 'grant-1' }, 60);
      await refreshTokens.consume('rt-1');
      await refreshTokens.revokeByGrantId('grant-1');
      await expect(refreshTokens.find('rt-1')).resolves.toBeUndefined();
    });
  });

  describe('dynamically registered clients', () => {
    /** Registrations that expire unused after 0.3 s instead of a day. */
    const shortLived = (options: StoreAdapterOptions = {}) => storeAdapterFactory(store, { unusedRegistrationTtlSeconds: 0.3, ...options });
    const metadata: AdapterPayload = { client_id: 'mcp-client', redirect_uris: ['http://127.0.0.1:33418/callback'], token_endpoint_auth_method: 'none' };

    it('finds a registered client by its id', async () => {
      await adapterFor('Client').upsert('mcp-client', metadata);
      await expect(adapterFor('Client').find('mcp-client')).resolves.toEqual(metadata);
    });

    it('forgets a registration nobody signed in through', async () => {
      const adapters = shortLived();
      await adapters('Client').upsert('mcp-client', metadata);
      await sleep(450);
      await expect(adapters('Client').find('mcp-client')).resolves.toBeUndefined();
    });

    it('keeps a registration once a grant was issued to it', async () => {
      const adapters = shortLived();
      await adapters('Client').upsert('mcp-client', metadata);
      await adapters('Grant').upsert('grant-1', { accountId: 'alice', clientId: 'mcp-client' }, 60);
      await sleep(450);
      await expect(adapters('Client').find('mcp-client')).resolves.toEqual(metadata);
    });

    it('keeps a registration at least as long as a grant issued to it lives', async () => {
      const adapters = shortLived({ usedRegistrationTtlSeconds: 0.3 });
      await adapters('Client').upsert('mcp-client', metadata);
      await adapters('Grant').upsert('grant-1', { accountId: 'alice', clientId: 'mcp-client' }, 60);
      await sleep(450);
      await expect(adapters('Client').find('mcp-client')).resolves.toEqual(metadata);
    });

    it('does not shorten the life of a used registration when the client updates it', async () => {
      const adapters = shortLived();
      await adapters('Client').upsert('mcp-client', metadata);
      await adapters('Grant').upsert('grant-1', { accountId: 'alice', clientId: 'mcp-client' }, 60);
      await adapters('Client').upsert('mcp-client', { ...metadata, client_name: 'Renamed' });
      await sleep(450);
      await expect(adapters('Client').find('mcp-client')).resolves.toMatchObject({ client_name: 'Renamed' });
    });

    it('creates no registration for a client configured statically (one never registered here)', async () => {
      await adapterFor('Grant').upsert('grant-1', { accountId: 'alice', clientId: 'static-client' }, 60);
      await expect(adapterFor('Client').find('static-client')).resolves.toBeUndefined();
    });
  });

  it('serves a real authorization server: a client registers, obtains a token, and both are found in the store', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      adapter: storeAdapterFactory(store),
      features: { registration: { enabled: true }, clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
      ttl: { ClientCredentials: 60 },
    });
    server.on('request', provider.callback());
    try {
      const registration = await fetch(`${issuer}/reg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_post' }),
      });
      expect(registration.status).toBe(201);
      const client = (await registration.json()) as { client_id: string; client_secret: string };

      const tokenResponse = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }),
      });
      expect(tokenResponse.status).toBe(200);
      const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };

      await expect(adapterFor('Client').find(client.client_id)).resolves.toMatchObject({ client_id: client.client_id });
      await expect(provider.ClientCredentials.find(accessToken)).resolves.toMatchObject({ clientId: client.client_id });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
