import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { execa } from 'execa';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A TCP port that was free a moment ago, for a child server we cannot ask for port 0. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Connects the SDK client to a server that `node` (an absolute path: the project's release) runs over
 * stdio, in the environment `env`, as a client's server configuration would launch it.
 */
export async function connectStdio(cwd: string, node: string, args: string[], env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: node, args, cwd, env, stderr: 'ignore' }));
  return client;
}

/** Connects the SDK client over Streamable HTTP, sending `headers` (a caller's credentials) on every request. */
export async function connectHttp(url: string, era: 'modern' | 'legacy', headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'e2e', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

export interface ServerLaunch {
  /** The command that serves: the project's Node, or its package manager. */
  command: string;
  args: string[];
  /** The project's environment (PATH with its Node release) and the server's settings. */
  env: Record<string, string>;
  /**
   * Run in a process group of its own, so that everything it started can be ended together even if
   * a child outlives it (a server a package manager failed to stop).
   */
  ownProcessGroup?: boolean;
}

function spawnServer(cwd: string, port: number, launch: ServerLaunch) {
  return execa(launch.command, launch.args, {
    cwd,
    reject: false,
    all: true,
    detached: launch.ownProcessGroup ?? false,
    extendEnv: false,
    env: { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', CI: 'true', NO_COLOR: '1', ...launch.env },
  });
}

export interface RunningServer {
  url: string;
  process: ReturnType<typeof spawnServer>;
  /**
   * How the launched process ended, as soon as it has: not waiting for its output to close, which a
   * child it left running would hold open.
   */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its output (stdout and stderr) so far. */
  output(): string;
  /** Resolves once every process writing the output has exited (the launched one and any it started). */
  outputClosed: Promise<void>;
  /** Ends the server and anything it started, whatever state it is in. */
  stop(): void;
}

/** Starts a generated server over HTTP and waits until /healthz answers (a package manager may build first). */
export async function startHttpServer(cwd: string, launch: ServerLaunch): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnServer(cwd, port, launch);
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  let output = '';
  child.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const outputClosed = child.all === undefined ? Promise.resolve() : once(child.all, 'end').then(() => undefined);
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (launch.ownProcessGroup && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    } else child.kill('SIGKILL');
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await answers(`${base}/healthz`)) return { url: `${base}/mcp`, process: child, exited, output: () => output, outputClosed, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  await exited;
  throw new Error(`${[launch.command, ...launch.args].join(' ')} did not serve ${base}/healthz:\n${output}`);
}

/** Whether anything answers `url` with a success status. */
export async function answers(url: string): Promise<boolean> {
  return fetch(url).then((response) => response.ok, () => false);
}

/** A `tools/list` POSTed to the MCP endpoint `url` without credentials, as a client does before it has a token. */
export function listToolsAnonymously(url: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}
