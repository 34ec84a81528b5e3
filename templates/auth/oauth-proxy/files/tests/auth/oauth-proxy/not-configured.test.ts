import { createHash, randomBytes } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { upstreamSignInSettings } from '../../../src/auth/upstream-sign-in/from-config.js';
import type { RunningHttpServer } from '../../../src/http/server.js';
import { testConfig } from '../../helpers/config.js';
import { startTestServer } from '../../helpers/http-server.js';
import { presetTestIdp } from '../../helpers/preset-claims.js';
import { UserAgent } from '../../helpers/user-agent.js';

/** The same settings, each empty: as good as not set. */
function unset(settings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(settings).map((name) => [name, '']));
}

describe('a server whose sign-in is not set up yet', () => {
  let server: RunningHttpServer;
  beforeEach(async () => {
    // As generated: no identity provider, no client at it.
    server = await startTestServer(unset(presetTestIdp.placeholderEnv));
  });
  afterEach(async () => {
    await server.close();
  });

  it('starts, and serves its metadata', async () => {
    const metadata = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as { issuer: string };
    expect(metadata.issuer).toBe(server.url);
  });

  it('tells the person trying to sign in which settings are missing', async () => {
    const registration = await fetch(`${server.url}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:33418/callback'], token_endpoint_auth_method: 'none', client_name: 'Host' }),
    });
    const { client_id: clientId } = (await registration.json()) as { client_id: string };
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${server.url}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:33418/callback',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      resource: `${server.url}/mcp`,
    }).toString();
    const { response } = await new UserAgent().follow(authorize, { until: (url) => url.pathname.startsWith('/oauth/interaction/'), fetchLast: true });
    expect(response?.status).toBe(503);
    const page = await response?.text();
    // Every setting the sign-in still lacks, whichever the preset's are.
    const signIn = upstreamSignInSettings(testConfig(unset(presetTestIdp.placeholderEnv)), () => `${server.url}/oauth/upstream/callback`);
    const problems = 'problems' in signIn ? signIn.problems : [];
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^SIGN_IN_CLIENT_ID: /)]));
    for (const setting of problems.map((problem) => problem.slice(0, problem.indexOf(':')))) expect(page).toContain(setting);
  });
});
