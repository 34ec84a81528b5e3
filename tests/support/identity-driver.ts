import { execa } from 'execa';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { AuthStrategy } from '../../src/options/schema.js';

/** The script that runs a generated project's test identity provider (see its header for the protocol). */
const DRIVER = resolve('tests/e2e/drivers/identity-provider.ts');

/** Who the credentials speak for: the provider's all-access client, holding every declared scope and role. */
export interface Caller {
  clientId: string;
  scopes: string[];
  roles: string[];
}

/** What a real caller of a generated server brings: the server's settings for its identity provider, and credentials. */
export interface ProjectIdentity {
  /** Settings that point the server at the identity provider (empty without authentication). */
  env: Record<string, string>;
  /** Undefined when the server authenticates nobody. */
  caller: Caller | undefined;
  /** Request headers carrying a fresh credential for the MCP endpoint `resource`. */
  headersFor(resource: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

const ANONYMOUS: ProjectIdentity = { env: {}, caller: undefined, headersFor: async () => ({}), close: async () => {} };

/**
 * Starts the identity provider of a generated project from outside: the driver script runs with the
 * project's own tsx and test helpers, so the CLI needs no OAuth dependency of its own. `env` is the
 * project's environment (its Node release on PATH).
 */
export async function startProjectIdentity(project: string, auth: AuthStrategy, env: Record<string, string>): Promise<ProjectIdentity> {
  if (auth === 'none') return ANONYMOUS;
  const child = execa(join(project, 'node_modules', '.bin', 'tsx'), [DRIVER, auth], { cwd: project, env, extendEnv: false, stdin: 'pipe', stderr: 'pipe', buffer: false, reject: false });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the identity provider driver stopped (exit ${String((await child).exitCode)}):\n${stderr}`);
    return value as string;
  };
  const { env: serverEnv, caller } = JSON.parse(await nextLine()) as { env: Record<string, string>; caller: Caller };
  // One request at a time: answers come back in the order the requests went out.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    env: serverEnv,
    caller,
    headersFor(resource) {
      const answer = queue.then(async () => {
        child.stdin!.write(`${JSON.stringify({ resource })}\n`);
        return (JSON.parse(await nextLine()) as { headers: Record<string, string> }).headers;
      });
      queue = answer.catch(() => undefined);
      return answer;
    },
    async close() {
      child.stdin!.end();
      await child;
    },
  };
}
