import { describe, expect, it } from 'vitest';

import { createAuthenticator } from '../../src/auth/index.js';
import { anonymousIdentity } from '../../src/auth/types.js';
import { ConfigError } from '../../src/errors.js';
import { parseConfig } from '../../src/load-config.js';
import { createStore } from '../../src/storage/index.js';
import { captureLogs } from '../helpers/logs.js';
import { testConfig } from '../helpers/config.js';

describe('auth strategy "none"', () => {
  it('refuses an HTTP bind to a non-loopback address', () => {
    expect(() => parseConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => parseConfig({ HOST: '0.0.0.0' })).toThrow(/ALLOW_UNAUTHENTICATED_REMOTE/);
  });

  it('allows a non-loopback bind when ALLOW_UNAUTHENTICATED_REMOTE=true', () => {
    expect(parseConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_REMOTE: 'true' }).HOST).toBe('0.0.0.0');
  });

  it('allows any loopback bind', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(parseConfig({ HOST: host }).HOST).toBe(host);
    }
  });

  it('does not apply the bind rule to stdio, which opens no port', () => {
    expect(parseConfig({ HOST: '0.0.0.0', MCP_TRANSPORT: 'stdio' }).MCP_TRANSPORT).toBe('stdio');
  });

  it('reports an invalid ALLOW_UNAUTHENTICATED_REMOTE value', () => {
    expect(() => parseConfig({ ALLOW_UNAUTHENTICATED_REMOTE: 'maybe' })).toThrow(/ALLOW_UNAUTHENTICATED_REMOTE/);
  });

  it('identifies every HTTP caller as anonymous', async () => {
    const config = testConfig();
    const store = await createStore(config);
    const authenticator = await createAuthenticator(config, {
      logger: captureLogs().logger,
      store,
      sealed: store,
      resourceUrl: () => 'http://127.0.0.1:3000/mcp',
      declaredScopes: [],
    });
    // The strategy never looks at the request, so an empty stand-in is a faithful input.
    await expect(authenticator.authenticate({} as never)).resolves.toEqual(anonymousIdentity);
    expect(authenticator.enforcesToolAccess).toBe(false);
    await store.close();
  });
});
