import { setTimeout as sleep } from 'node:timers/promises';

import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { signIn, TestOAuthClient } from '../../helpers/mcp-oauth-client.js';
import { authorizationUrl, authorize, CLIENT_REDIRECT, connectWith, obtainTokens, pkce, readItem, refresh, registerClient } from '../../helpers/oauth-proxy-flow.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';
import { toolErrorOf } from '../../helpers/tool-results.js';
import type { TestUpstreamOptions } from '../../helpers/upstream-provider.js';

/** A fresh test bed for each test of the enclosing describe. */
function eachTestBed(upstreamOptions: Partial<TestUpstreamOptions> = {}, overrides: Record<string, string> = {}) {
  const current = {} as { bed: ProxyTestBed };
  beforeEach(async () => {
    current.bed = await startProxyTestBed(overrides, upstreamOptions);
  });
  afterEach(async () => {
    await current.bed.close();
  });
  return current;
}

/** Exchanges `code` with a DPoP proof (RFC 9449), as a client binding its tokens to a key does; resolves the access token. */
async function exchangeWithDpopProof(server: ProxyTestBed['server'], clientId: string, code: string, verifier: string): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const tokenUrl = `${server.url}/oauth/token`;
  const proof = await new SignJWT({ htm: 'POST', htu: tokenUrl, jti: crypto.randomUUID() }).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(publicKey) }).setIssuedAt().sign(privateKey);
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: proof },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, code_verifier: verifier, redirect_uri: CLIENT_REDIRECT }),
  });
  return String(((await response.json()) as { access_token?: string }).access_token);
}

/** The HTTP status of an MCP initialize request carrying `token` as a bearer token. */
async function initializeWith(server: ProxyTestBed['server'], token: string): Promise<number> {
  const response = await fetch(`${server.url}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bearer-check', version: '1.0.0' } } }),
  });
  await response.body?.cancel();
  return response.status;
}

const signInAgainCode = async (client: Awaited<ReturnType<typeof connectWith>>) => toolErrorOf(await readItem(client))?.code;

describe('the tokens a client receives', () => {
  describe('the access token', () => {
    const current = eachTestBed();

    it('is a JWT this server issued for its own MCP endpoint', async () => {
      const { accessToken } = await obtainTokens(current.bed);
      expect(decodeProtectedHeader(accessToken).typ).toBe('at+jwt');
      expect(decodeJwt(accessToken)).toMatchObject({ iss: current.bed.server.url, aud: `${current.bed.server.url}/mcp`, sub: 'alice' });
    });

    it('is refused by the upstream API', async () => {
      const { accessToken } = await obtainTokens(current.bed);
      const response = await fetch(current.bed.upstream.apiUrl, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(response.status).toBe(401);
      expect(current.bed.upstream.apiCalls).toEqual([]);
    });

    // A client that proves possession of a key (DPoP, RFC 9449) gets a token bound to it (cnf.jkt):
    // whoever steals it must not be able to use it without the key. Either the server binds no token
    // it cannot check, or the MCP endpoint checks the binding.
    it('never accepts a token bound to a DPoP key as a plain bearer token', async () => {
      const { bed } = current;
      const { clientId } = await registerClient(bed.server);
      const { verifier, challenge } = pkce();
      const { callback } = await authorize(bed, await authorizationUrl(bed.server, clientId, challenge));
      const accessToken = await exchangeWithDpopProof(bed.server, clientId, String(callback.searchParams.get('code')), verifier);
      const bound = decodeJwt(accessToken).cnf !== undefined;
      const acceptedAsBearer = (await initializeWith(bed.server, accessToken)) === 200;
      expect(bound && acceptedAsBearer).toBe(false);
    });
  });

  describe('the user’s upstream tokens', () => {
    let bed: ProxyTestBed;
    /** Every token response of the upstream, as the server received it. */
    let upstreamTokenResponses: Array<Record<string, unknown>>;
    beforeEach(async () => {
      upstreamTokenResponses = [];
      const realFetch = globalThis.fetch;
      // Installed before the server starts: its upstream client takes the global fetch when made.
      vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
        const response = await realFetch(input, init);
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (bed !== undefined && url.href === bed.upstream.tokenEndpoint && response.ok) upstreamTokenResponses.push((await response.clone().json()) as Record<string, unknown>);
        return response;
      });
      bed = await startProxyTestBed();
    });
    afterEach(async () => {
      vi.restoreAllMocks();
      await bed.close();
    });

    it('never reach the client: not in its tokens, not in tool results', async () => {
      const oauth = new TestOAuthClient();
      const { client } = await signIn(bed.server, bed.upstream, oauth);
      const received = JSON.stringify([oauth.tokens(), await readItem(client), await client.callTool({ name: 'whoami', arguments: {} })]);
      await client.close();

      const secrets = upstreamTokenResponses.flatMap((answer) => [answer.access_token, answer.refresh_token, answer.id_token]).filter((value) => typeof value === 'string');
      // An access and a refresh token at least (and an ID token where the upstream speaks OpenID Connect).
      expect(secrets.length).toBeGreaterThanOrEqual(2);
      for (const secret of secrets) expect(received).not.toContain(secret);
    });
  });

  describe('the refresh token', () => {
    const current = eachTestBed();

    it('is replaced by every refresh', async () => {
      const { clientId, refreshToken } = await obtainTokens(current.bed);
      const refreshed = await refresh(current.bed.server, clientId, refreshToken);
      expect(refreshed.status).toBe(200);
      expect(typeof refreshed.body.refresh_token).toBe('string');
      expect(refreshed.body.refresh_token).not.toBe(refreshToken);
    });

    // Two refreshes at once (two windows, a retry after a lost response) must not sign the user out.
    it('still works for AUTH_REFRESH_TOKEN_GRACE_SECONDS after it was used', async () => {
      const { clientId, refreshToken } = await obtainTokens(current.bed);
      await refresh(current.bed.server, clientId, refreshToken);
      expect((await refresh(current.bed.server, clientId, refreshToken)).status).toBe(200);
    });

    it('once revoked, makes the next upstream tool call answer sign_in_again', async () => {
      const { bed } = current;
      const { clientId, accessToken, refreshToken } = await obtainTokens(bed);
      const client = await connectWith(bed.server, accessToken);
      const revoked = await fetch(`${bed.server.url}/oauth/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: clientId }) });
      expect(revoked.status).toBe(200);
      expect(await signInAgainCode(client)).toBe('sign_in_again');
      expect(bed.upstream.apiCalls).toEqual([]);
      await client.close();
    });
  });

  describe('a refresh token used once, without a grace period', () => {
    const current = eachTestBed({}, { AUTH_REFRESH_TOKEN_GRACE_SECONDS: '0' });

    it('is refused when presented again (invalid_grant)', async () => {
      const { clientId, refreshToken } = await obtainTokens(current.bed);
      await refresh(current.bed.server, clientId, refreshToken);
      const reused = await refresh(current.bed.server, clientId, refreshToken);
      expect(reused.status).toBe(400);
      expect(reused.body.error).toBe('invalid_grant');
    });

    // Reuse of a replaced refresh token means it leaked: the grant ends, its newest token with it.
    it('ends the grant when presented again: the token that replaced it is refused too', async () => {
      const { clientId, refreshToken } = await obtainTokens(current.bed);
      const rotated = await refresh(current.bed.server, clientId, refreshToken);
      await refresh(current.bed.server, clientId, refreshToken);
      const answer = await refresh(current.bed.server, clientId, String(rotated.body.refresh_token));
      expect(answer.body.error).toBe('invalid_grant');
    });
  });

  describe('when the upstream has ended the user’s sign-in', () => {
    const current = eachTestBed({ accessTokenTtlSeconds: 2 });

    /** Signs alice in, has the upstream revoke her grants, and waits until her upstream access token expires. */
    async function signedInThenRevoked() {
      const tokens = await obtainTokens(current.bed);
      const client = await connectWith(current.bed.server, tokens.accessToken);
      expect((await readItem(client)).isError).toBeFalsy();
      await current.bed.upstream.revokeGrants('alice');
      await sleep(2_100);
      return { ...tokens, client };
    }

    it('answers sign_in_again, once asking the upstream, then without asking it again', async () => {
      const { bed } = current;
      const { client } = await signedInThenRevoked();
      const refreshesBefore = bed.upstream.refreshes;
      expect(await signInAgainCode(client)).toBe('sign_in_again');
      expect(await signInAgainCode(client)).toBe('sign_in_again');
      expect(bed.upstream.refreshes - refreshesBefore).toBe(1);
      await client.close();
    });

    it('ends the client’s grant too: its refresh token is refused', async () => {
      const { clientId, refreshToken, client } = await signedInThenRevoked();
      await readItem(client);
      const answer = await refresh(current.bed.server, clientId, refreshToken);
      expect(answer.body.error).toBe('invalid_grant');
      await client.close();
    });
  });
});
