/**
 * Plays the identity side of a generated project from outside it: started with the project's own
 * tsx in the project's folder, it runs the project's in-process test identity provider
 * (tests/helpers), so the CLI needs no OAuth dependency of its own.
 *
 * Protocol, one JSON document per line:
 * - first line out: `{ "env": {...}, "caller": { "clientId", "scopes", "roles" } }`, the settings
 *   that point the server at the provider and who the issued credentials speak for;
 * - then for each line in, `{ "resource": "<MCP endpoint URL>" }`, one line out:
 *   `{ "headers": {...} }`, request headers carrying a fresh credential for that endpoint.
 * It keeps running (and the provider serving) until its standard input closes.
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Headers = Record<string, string>;
interface Credentials {
  env: Record<string, string>;
  headers(resource: string): Promise<Headers>;
}

/** A module of the generated project, by its path below the project folder. */
const projectModule = <T>(path: string): Promise<T> => import(pathToFileURL(join(process.cwd(), path)).href) as Promise<T>;

interface TestAuthModule {
  testAuth(): Promise<Credentials>;
}
interface SharedProviderModule {
  ALL_ACCESS_CLIENT: string;
  declaredAccess(): { scopes: string[]; roles: string[] };
  sharedTestProvider(): Promise<{ serverEnv: Record<string, string>; issueToken(clientId: string, resource: string): Promise<string> }>;
}

const strategy = process.argv[2];

async function credentials(shared: SharedProviderModule): Promise<Credentials> {
  switch (strategy) {
    case 'jwt':
    case 'introspection':
    // The server's own tokens, signed with the keys the project's helper configures it with; the
    // project's own suite signs users in through the whole flow.
    case 'oauth-proxy':
      // The project's own definition of an allowed caller for its strategy.
      return (await projectModule<TestAuthModule>('tests/helpers/auth-client.ts')).testAuth();
    case 'gateway': {
      // The gateway's default mode: it forwards the caller's JWT, which the server verifies against
      // the provider's keys exactly like the jwt strategy.
      const idp = await shared.sharedTestProvider();
      return {
        env: { ...idp.serverEnv, GATEWAY_MODE: 'jwt' },
        headers: async (resource) => ({ authorization: `Bearer ${await idp.issueToken(shared.ALL_ACCESS_CLIENT, resource)}` }),
      };
    }
    default:
      throw new Error(`usage: identity-provider.ts jwt|introspection|oauth-proxy|gateway (got ${String(strategy)})`);
  }
}

// Standard output carries the protocol: what the provider library logs goes to standard error.
console.log = console.info = console.warn = console.debug = console.error;

const shared = await projectModule<SharedProviderModule>('tests/helpers/test-auth.ts');
const { env, headers } = await credentials(shared);
process.stdout.write(`${JSON.stringify({ env, caller: { clientId: shared.ALL_ACCESS_CLIENT, ...shared.declaredAccess() } })}\n`);

// The provider's socket is unref'd by the project's helper; the open standard input keeps this process alive.
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const { resource } = JSON.parse(line) as { resource: string };
  process.stdout.write(`${JSON.stringify({ headers: await headers(resource) })}\n`);
}
process.exit(0);
