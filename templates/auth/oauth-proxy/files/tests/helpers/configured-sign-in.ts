import { afterEach } from 'vitest';

import { upstreamSignInSettings } from '../../src/auth/upstream-sign-in/from-config.js';
import type { UpstreamSignInSettings } from '../../src/auth/upstream-sign-in/settings.js';
import { createUpstreamSignIn, type UpstreamSignIn } from '../../src/auth/upstream-sign-in/sign-in.js';
import { testConfig } from './config.js';
import { captureLogs } from './logs.js';
import { presetTestIdp } from './preset-claims.js';
import { isolatedSealedStore } from './test-store.js';
import { TestUpstream, type TestUpstreamOptions } from './upstream-provider.js';

/** A sign-in at a test upstream, set up as the server sets it up from its configuration. */
export interface ConfiguredSignIn {
  upstream: TestUpstream;
  settings: UpstreamSignInSettings;
  signIn: UpstreamSignIn;
  /** Every URL the sign-in asked the upstream, in order. */
  requested: string[];
}

/**
 * Gives the tests of the enclosing describe a way to start a test upstream (with `options`) and the
 * upstream sign-in the server would build for it from its configuration: the preset's settings
 * pointing at it, this server's client there, `env` on top, coming back to `redirectUri`. The
 * upstreams are closed after each test.
 */
export function configuredSignIns(redirectUri: string): (options?: Partial<TestUpstreamOptions>, env?: Record<string, string>) => Promise<ConfiguredSignIn> {
  const started: TestUpstream[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((upstream) => upstream.close()));
  });
  return async (options = {}, env = {}) => {
    const upstream = await TestUpstream.start({ redirectUris: [redirectUri], ...options });
    started.push(upstream);
    const { clientId, clientSecret } = upstream.client;
    const config = testConfig({ ...presetTestIdp.serverEnv(upstream.issuer), SIGN_IN_CLIENT_ID: clientId, SIGN_IN_CLIENT_SECRET: clientSecret, ...env });
    const read = upstreamSignInSettings(config, () => redirectUri);
    if (!('settings' in read)) throw new Error(`incomplete sign-in settings: ${read.problems.join('; ')}`);
    const requested: string[] = [];
    const fetchAndRecord: typeof fetch = async (input, init) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const signIn = createUpstreamSignIn(read.settings, { store: isolatedSealedStore(), logger: captureLogs().logger, fetch: fetchAndRecord });
    return { upstream, settings: read.settings, signIn, requested };
  };
}
