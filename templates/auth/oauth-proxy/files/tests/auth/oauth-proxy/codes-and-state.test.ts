import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authorizationUrl, authorize, CLIENT_REDIRECT, connectWith, exchangeCode, pkce, readItem, refresh, registerClient } from '../../helpers/oauth-proxy-flow.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';
import { toolErrorOf } from '../../helpers/tool-results.js';
import { UserAgent } from '../../helpers/user-agent.js';

/** UserAgent.follow ended on an error page (HTTP 400), with nothing to submit: no result. */
function refusedWithErrorPage(error: Error): undefined {
  if (!error.message.includes('(HTTP 400)')) throw error;
  return undefined;
}

describe('authorization codes and sign-in state', () => {
  let bed: ProxyTestBed;
  beforeEach(async () => {
    bed = await startProxyTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  /** Code exchanges the server made at the upstream's token endpoint. */
  const upstreamCodeExchanges = () => bed.upstream.tokenRequests.filter((request) => request.grantType === 'authorization_code').length;

  /** A code for a new client, and what it takes to exchange it. */
  async function codeForNewClient() {
    const { clientId } = await registerClient(bed.server);
    const { verifier, challenge } = pkce();
    const { callback } = await authorize(bed, await authorizationUrl(bed.server, clientId, challenge));
    return { clientId, verifier, code: String(callback.searchParams.get('code')) };
  }

  /** Allows on the consent page in `agent`, and stops at the upstream's authorization URL, unvisited. */
  async function startSignIn(agent: UserAgent) {
    const { clientId } = await registerClient(bed.server);
    const { url } = await agent.follow(await authorizationUrl(bed.server, clientId, pkce().challenge), {
      until: (next) => next.origin === bed.upstream.origin,
      fillForm: () => ({ decision: 'allow' }),
    });
    return url;
  }

  /** Goes through the sign-in in `agent` up to the upstream's callback to this server, not visited. */
  async function upstreamCallbackIn(agent: UserAgent): Promise<URL> {
    return bed.upstream.authorize(await startSignIn(agent), 'alice', { agent });
  }

  describe('authorization codes', () => {
    it('refuses a code the second time it is exchanged (invalid_grant)', async () => {
      const { clientId, verifier, code } = await codeForNewClient();
      expect((await exchangeCode(bed.server, clientId, code, verifier)).status).toBe(200);
      const replay = await exchangeCode(bed.server, clientId, code, verifier);
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe('invalid_grant');
    });

    it('refuses the refresh token issued from a code once that code is replayed', async () => {
      const { clientId, verifier, code } = await codeForNewClient();
      const first = await exchangeCode(bed.server, clientId, code, verifier);
      await exchangeCode(bed.server, clientId, code, verifier);
      const refreshed = await refresh(bed.server, clientId, String(first.body.refresh_token));
      expect(refreshed.status).toBe(400);
      expect(refreshed.body.error).toBe('invalid_grant');
    });

    // The access token is a JWT checked locally: it stays valid until it expires, but the grant's
    // upstream tokens went with the grant, so nothing it does reaches the upstream.
    it('answers sign_in_again to upstream tool calls with the access token issued from a replayed code', async () => {
      const { clientId, verifier, code } = await codeForNewClient();
      const first = await exchangeCode(bed.server, clientId, code, verifier);
      await exchangeCode(bed.server, clientId, code, verifier);
      const client = await connectWith(bed.server, String(first.body.access_token));
      const result = await readItem(client);
      expect(result.isError).toBe(true);
      expect(toolErrorOf(result)?.code).toBe('sign_in_again');
      expect(bed.upstream.apiCalls).toEqual([]);
      await client.close();
    });
  });

  describe('the upstream callback', () => {
    it('refuses a callback replayed with the same state, without exchanging its code again', async () => {
      const agent = new UserAgent();
      const callback = await upstreamCallbackIn(agent);
      expect((await agent.fetch(callback)).status).toBe(303);
      const replay = await agent.fetch(callback);
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain('expired or was already completed');
      expect(upstreamCodeExchanges()).toBe(1);
    });

    it('refuses a replayed callback from another browser too', async () => {
      const agent = new UserAgent();
      const callback = await upstreamCallbackIn(agent);
      await agent.fetch(callback);
      const replay = await new UserAgent().fetch(callback);
      expect(replay.status).toBe(400);
      expect(upstreamCodeExchanges()).toBe(1);
    });

    it.each([
      ['an unknown state', (url: URL) => url.searchParams.set('state', 'not-a-state-this-server-issued')],
      ['no state', (url: URL) => url.searchParams.delete('state')],
    ])('refuses a callback with %s, without exchanging its code', async (_what, change) => {
      const agent = new UserAgent();
      const callback = await upstreamCallbackIn(agent);
      change(callback);
      const answer = await agent.fetch(callback);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
      expect(upstreamCodeExchanges()).toBe(0);
    });

    // Login CSRF in reverse: someone starts a sign-in in their own browser, allows their own client,
    // and gets a victim to open the upstream authorization URL (a genuine page of the identity
    // provider, which answers at once for a user signed in there). Unless the callback is bound to the
    // browser that started the sign-in, the victim's upstream tokens end up in the attacker's grant.
    it('never lets the browser that started a sign-in finish it with a callback another browser brought', async () => {
      const attacker = new UserAgent();
      const victim = new UserAgent();
      const callback = await bed.upstream.authorize(await startSignIn(attacker), 'bob', { agent: victim });
      const delivered = await victim.fetch(callback);
      const next = delivered.headers.get('location');
      // Where the victim's browser is sent on: the interaction, which the attacker's cookie opens.
      const finished = next === null ? undefined : await attacker.follow(new URL(next, bed.server.url), { until: (url) => url.href.startsWith(CLIENT_REDIRECT), fillForm: () => ({ decision: 'allow' }) }).catch(refusedWithErrorPage);
      expect(finished?.url.searchParams.get('code') ?? null).toBeNull();
    });
  });
});
