import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authorizationUrl, authorize, CLIENT_REDIRECT, exchangeCode, pkce, registerClient } from '../../helpers/oauth-proxy-flow.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';

/** The first answer to an authorization request, redirects not followed. */
async function firstAnswer(url: URL): Promise<{ status: number; location: URL | undefined; body: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, location: location === null ? undefined : new URL(location, url), body: await response.text() };
}

describe('authorization requests', () => {
  let bed: ProxyTestBed;
  beforeEach(async () => {
    bed = await startProxyTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  describe('PKCE', () => {
    it('sends a request without code_challenge back to the client with invalid_request, before any sign-in', async () => {
      const { clientId } = await registerClient(bed.server);
      const answer = await firstAnswer(await authorizationUrl(bed.server, clientId, pkce().challenge, { code_challenge: undefined, code_challenge_method: undefined }));
      expect(answer.location?.href.startsWith(`${CLIENT_REDIRECT}?`)).toBe(true);
      expect(answer.location?.searchParams.get('error')).toBe('invalid_request');
    });

    it('refuses code_challenge_method=plain', async () => {
      const { verifier } = pkce();
      const { clientId } = await registerClient(bed.server);
      const answer = await firstAnswer(await authorizationUrl(bed.server, clientId, verifier, { code_challenge_method: 'plain' }));
      expect(answer.location?.href.startsWith(`${CLIENT_REDIRECT}?`)).toBe(true);
      expect(answer.location?.searchParams.get('error')).toBe('invalid_request');
    });

    it('refuses to exchange a code with a code_verifier other than the one challenged (invalid_grant)', async () => {
      const { clientId } = await registerClient(bed.server);
      const { challenge } = pkce();
      const { callback } = await authorize(bed, await authorizationUrl(bed.server, clientId, challenge));
      const answer = await exchangeCode(bed.server, clientId, String(callback.searchParams.get('code')), pkce().verifier);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid_grant');
      expect(answer.body.access_token).toBeUndefined();
    });
  });

  // OAuth 2.1: redirect URIs are compared as exact strings. A variant must never receive a redirect
  // (an open redirector, or a code sent where the client does not listen): an error page instead.
  const variants: Array<[string, string]> = [
    ['the path in another case', 'http://127.0.0.1:33418/Callback'],
    ['a trailing slash', 'http://127.0.0.1:33418/callback/'],
    ['a ..;/ segment', 'http://127.0.0.1:33418/callback/..;/evil'],
    ['an encoded dot-dot segment', 'http://127.0.0.1:33418/callback/%2e%2e/evil'],
    ['a javascript: scheme', 'javascript://127.0.0.1:33418/callback%0aalert(1)'],
    ['leading whitespace', ' http://127.0.0.1:33418/callback'],
    ['trailing whitespace', 'http://127.0.0.1:33418/callback '],
    ['a fragment', 'http://127.0.0.1:33418/callback#fragment'],
    ['an added query', 'http://127.0.0.1:33418/callback?next=https://attacker.example'],
    ['another loopback host name', 'http://localhost:33418/callback'],
  ];

  describe.each(['web', 'native'])('redirect URI variants, for a %s client', (applicationType) => {
    it('starts the sign-in for the registered URI itself', async () => {
      const { clientId } = await registerClient(bed.server, { application_type: applicationType });
      const answer = await firstAnswer(await authorizationUrl(bed.server, clientId, pkce().challenge));
      expect(answer.location?.pathname).toMatch(/^\/oauth\/interaction\//);
    });

    it.each(variants)('answers one with %s with an error page, never a redirect', async (_what, variant) => {
      const { clientId } = await registerClient(bed.server, { application_type: applicationType });
      const answer = await firstAnswer(await authorizationUrl(bed.server, clientId, pkce().challenge, { redirect_uri: variant }));
      expect(answer.status).toBe(400);
      expect(answer.location).toBeUndefined();
      expect(answer.body).toContain('Sign-in failed');
      expect(answer.body).toContain('redirect_uri');
    });
  });

  describe('loopback redirect URIs (RFC 8252)', () => {
    const otherPort = 'http://127.0.0.1:50123/callback';

    it('lets a native client come back on another port than the one it registered, and exchange the code there', async () => {
      const { clientId } = await registerClient(bed.server, { application_type: 'native', redirect_uris: ['http://127.0.0.1:33418/callback'] });
      const { verifier, challenge } = pkce();
      const { callback } = await authorize(bed, await authorizationUrl(bed.server, clientId, challenge, { redirect_uri: otherPort }));
      expect(callback.origin).toBe('http://127.0.0.1:50123');
      const answer = await exchangeCode(bed.server, clientId, String(callback.searchParams.get('code')), verifier, otherPort);
      expect(answer.status).toBe(200);
    });

    // RFC 8252 section 7.3 is about native apps. The MCP SDK registers without application_type,
    // which RFC 7591 defaults to "web", and oidc-provider holds web clients to the exact URI.
    it('holds a client registered without application_type (web, as the MCP SDK registers) to its registered port', async () => {
      const { clientId } = await registerClient(bed.server, { redirect_uris: ['http://127.0.0.1:33418/callback'] });
      const answer = await firstAnswer(await authorizationUrl(bed.server, clientId, pkce().challenge, { redirect_uri: otherPort }));
      expect(answer.status).toBe(400);
      expect(answer.location).toBeUndefined();
    });
  });

  describe('scope', () => {
    // RFC 6749 section 3.3: without a scope the server MUST use a default or fail with invalid_scope.
    // MCP clients leave scope out when the protected resource lists none. Today the request is sent
    // through the consent page and the upstream sign-in, then answered access_denied (oidc-provider:
    // "authorization request resolved without requesting interactions but no scope was granted").
    it('gives a request without a scope a code for the default access, not access_denied after the user signed in', async () => {
      const { clientId } = await registerClient(bed.server);
      const { callback } = await authorize(bed, await authorizationUrl(bed.server, clientId, pkce().challenge, { scope: undefined }));
      expect(callback.searchParams.get('error')).toBeNull();
      expect(callback.searchParams.get('code')).not.toBeNull();
    });
  });
});
