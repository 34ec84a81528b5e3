import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { execa } from 'execa';
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

export async function connectStdio(cwd: string, args: string[]): Promise<Client> {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: 'node', args, cwd, stderr: 'ignore' }));
  return client;
}

export async function connectHttp(url: string, era: 'modern' | 'legacy'): Promise<Client> {
  const client = new Client(
    { name: 'e2e', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

function spawnServer(cwd: string, env: Record<string, string>) {
  return execa('node', ['dist/main.js'], { cwd, reject: false, env });
}

export interface RunningServer {
  url: string;
  process: ReturnType<typeof spawnServer>;
}

/** Starts the built server over HTTP and waits until /healthz answers. */
export async function startHttpServer(cwd: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnServer(cwd, { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) return { url: `${base}/mcp`, process: child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  const result = await child;
  throw new Error(`Server did not become healthy:\n${String(result.stderr)}`);
}
