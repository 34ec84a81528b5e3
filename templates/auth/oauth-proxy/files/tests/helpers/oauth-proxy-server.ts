import type { RunningHttpServer, StartHttpServerOptions } from '../../src/http/server.js';
import { startTestServer } from './http-server.js';
import { presetTestIdp } from './preset-claims.js';
import { signedInApi } from './signed-in-api.js';
import { TestUpstream, type TestUpstreamOptions } from './upstream-provider.js';

export interface ProxyTestBed {
  server: RunningHttpServer;
  upstream: TestUpstream;
  close(): Promise<void>;
}

/**
 * A server signing users in at a test upstream (a real OpenID Connect provider on 127.0.0.1), whose
 * API the preset's tools reach as the signed-in user.
 */
export async function startProxyTestBed(
  overrides: Record<string, string> = {},
  upstreamOptions: Partial<TestUpstreamOptions> = {},
  serverOptions: StartHttpServerOptions = {},
): Promise<ProxyTestBed> {
  const upstream = await TestUpstream.start({ redirectUris: [], ...upstreamOptions });
  const server = await startTestServer({
    ...presetTestIdp.serverEnv(upstream.issuer),
    SIGN_IN_CLIENT_ID: upstream.client.clientId,
    SIGN_IN_CLIENT_SECRET: upstream.client.clientSecret,
    ...signedInApi.serverEnv(upstream),
    ...overrides,
  }, serverOptions);
  upstream.setRedirectUris([`${server.url}/oauth/upstream/callback`]);
  return {
    server,
    upstream,
    async close() {
      await server.close();
      await upstream.close();
    },
  };
}
