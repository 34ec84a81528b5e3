import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authorizationUrl, authorize, CLIENT_REDIRECT, obtainTokens, pkce, registerClient } from '../../helpers/oauth-proxy-flow.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';
import { parseForms, UserAgent } from '../../helpers/user-agent.js';

describe('the consent page', () => {
  let bed: ProxyTestBed;
  beforeEach(async () => {
    bed = await startProxyTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  /** Opens the consent page of a new authorization request of `clientId` in `agent`. */
  async function openConsentPage(agent: UserAgent, clientId: string) {
    const started = await agent.fetch(await authorizationUrl(bed.server, clientId, pkce().challenge));
    const url = new URL(String(started.headers.get('location')), bed.server.url);
    const response = await agent.fetch(url);
    const html = await response.text();
    const [form] = parseForms(html, url);
    if (form === undefined) throw new Error(`no form on ${url.href} (HTTP ${response.status})`);
    return { url, response, form };
  }

  /** Posts the consent form with `fields` as given (no CSRF token unless among them). */
  async function post(agent: UserAgent, action: URL, fields: Record<string, string>) {
    return agent.fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  }

  const wentUpstream = (visited: readonly URL[]) => visited.some((url) => url.origin === bed.upstream.origin);

  describe('its protections', () => {
    it('can be neither framed nor cached', async () => {
      const { clientId } = await registerClient(bed.server);
      const { response } = await openConsentPage(new UserAgent(), clientId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('lets its form lead only here, to the upstream’s sign-in page and back to the client (the redirects after it included)', async () => {
      const { clientId } = await registerClient(bed.server);
      const { response } = await openConsentPage(new UserAgent(), clientId);
      const formAction = /form-action ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]?.split(' ');
      expect(formAction).toEqual(["'self'", new URL(CLIENT_REDIRECT).origin, new URL(bed.upstream.authorizationEndpoint).origin]);
    });

    it.each([
      ['without a CSRF token', {}],
      ['with a wrong CSRF token', { csrf: 'forged-token' }],
    ])('answers a consent %s with 403, and sends nobody upstream', async (_what, csrf: Record<string, string>) => {
      const agent = new UserAgent();
      const { clientId } = await registerClient(bed.server);
      const { form } = await openConsentPage(agent, clientId);
      const answer = await post(agent, form.action, { ...csrf, decision: 'allow' });
      expect(answer.status).toBe(403);
      expect(answer.headers.get('location')).toBeNull();
    });

    it('accepts the consent page’s own token, and sends the user upstream', async () => {
      const agent = new UserAgent();
      const { clientId } = await registerClient(bed.server);
      const { form } = await openConsentPage(agent, clientId);
      const answer = await post(agent, form.action, { ...form.fields, decision: 'allow' });
      expect(answer.status).toBe(303);
      expect(new URL(String(answer.headers.get('location'))).origin).toBe(bed.upstream.origin);
    });
  });

  describe('deciding', () => {
    it('sends the client access_denied when the user denies, without going upstream', async () => {
      const { clientId } = await registerClient(bed.server);
      const { callback, visited } = await authorize(bed, await authorizationUrl(bed.server, clientId, pkce().challenge), { consent: 'deny' });
      expect(callback.href.startsWith(CLIENT_REDIRECT)).toBe(true);
      expect(callback.searchParams.get('error')).toBe('access_denied');
      expect(callback.searchParams.get('code')).toBeNull();
      expect(wentUpstream(visited)).toBe(false);
    });
  });

  describe('who is asked again', () => {
    it('does not ask again when the same user authorizes the same client in the same browser', async () => {
      const agent = new UserAgent();
      const { clientId } = await obtainTokens(bed, { agent });
      const { callback, consentPages } = await authorize(bed, await authorizationUrl(bed.server, clientId, pkce().challenge), { agent });
      expect(callback.searchParams.get('code')).not.toBeNull();
      expect(consentPages).toBe(0);
    });

    // An authorization server in the middle: the user is signed in here already, so a link crafted
    // with another client (an attacker's registration) must not ride on that sign-in.
    it('asks again when another client asks for the same signed-in user', async () => {
      const agent = new UserAgent();
      await obtainTokens(bed, { agent });
      const { clientId: other } = await registerClient(bed.server);
      const { consentPages, visited } = await authorize(bed, await authorizationUrl(bed.server, other, pkce().challenge), { agent, consent: 'deny' });
      expect(consentPages).toBe(1);
      expect(wentUpstream(visited)).toBe(false);
    });

    // Alice approved the client in this browser; then bob signs in at the upstream from it (its
    // session there is a new one, as after alice signed out). Alice's approval is hers: bob is asked,
    // by name, before the client gets anything.
    it('asks a user who signed in at the upstream through a client another user approved', async () => {
      const agent = new UserAgent();
      const { clientId } = await obtainTokens(bed, { agent, username: 'alice' });
      // No page on the way: alice approved this client in this browser.
      const { url: upstreamUrl } = await agent.follow(await authorizationUrl(bed.server, clientId, pkce().challenge), { until: (url) => url.origin === bed.upstream.origin, fillForm: () => undefined });
      const callback = await bed.upstream.authorize(upstreamUrl, 'bob');

      const signedIn = await agent.fetch(callback);
      const page = await agent.fetch(new URL(String(signedIn.headers.get('location')), bed.server.url));
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('Signed in at your identity provider as <strong>bob</strong>');
      expect(parseForms(html, new URL(bed.server.url))[0]?.buttons.map((button) => button.value)).toEqual(['allow', 'deny']);
    });
  });
});
