import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../../src/http/server.js';
import { startTestServer } from '../../helpers/http-server.js';

/** Where clients reach the server: a reverse proxy publishes it below a path of its host. */
const PUBLIC_URL = 'https://gateway.example.com/crm';

describe('a server published below a path (PUBLIC_URL with a path, behind a reverse proxy)', () => {
  let server: RunningHttpServer;
  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL, ALLOWED_HOSTS: 'gateway.example.com' });
  });
  afterAll(async () => {
    await server.close();
  });

  /** A request as the proxy forwards it: the path prefix removed, the public host kept. */
  const viaProxy = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { host: 'gateway.example.com' } });
    return (await response.json()) as Record<string, unknown>;
  };

  it.each([
    ['RFC 8414, the issuer path after the well-known prefix', '/.well-known/oauth-authorization-server/crm'],
    ['OpenID Connect, the well-known suffix after the issuer path', '/crm/.well-known/openid-configuration'],
    ['the root location some clients try first', '/.well-known/oauth-authorization-server'],
  ])('serves its metadata at %s, naming its public address and endpoints', async (_where, path) => {
    const metadata = await viaProxy(path);
    expect(metadata).toMatchObject({
      issuer: PUBLIC_URL,
      authorization_endpoint: `${PUBLIC_URL}/oauth/authorize`,
      token_endpoint: `${PUBLIC_URL}/oauth/token`,
      registration_endpoint: `${PUBLIC_URL}/oauth/register`,
    });
  });

  it('names the issuer as the authorization server of its public MCP endpoint', async () => {
    const metadata = await viaProxy('/.well-known/oauth-protected-resource/mcp');
    expect(metadata).toMatchObject({ resource: `${PUBLIC_URL}/mcp`, authorization_servers: [PUBLIC_URL] });
  });
});
