// Measures a generated server against a bare SDK server in the same run and prints the figures:
// spawn-to-ready time, idle RSS, and `tools/call` throughput and p99 latency over Streamable HTTP.
// Usage: npm run bench:server [-- <generated-project-dir>]   (generates one with the defaults when omitted)
// A benchmark, not a test: it never fails on a number.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

let project = process.argv[2] && resolve(process.argv[2]);
if (!project) {
  const parent = mkdtempSync(join(tmpdir(), 'cem-bench-server-'));
  execFileSync(process.execPath, [resolve('bin/create-enterprise-mcp.js'), 'demo', '--yes', '--no-git', '--deploy', 'none'], {
    cwd: parent,
    stdio: 'ignore',
    env: { ...process.env, CI: 'true', npm_config_prefer_offline: 'true' },
  });
  project = join(parent, 'demo');
}
execFileSync('npm', ['run', 'build'], { cwd: project, stdio: 'ignore' });

// The bare baseline: the same SDK version, one echo tool, no guards, logging or config.
const bare = join(project, 'dist', 'bench-bare-server.mjs');
writeFileSync(
  bare,
  `import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'bare', version: '1.0.0' });
  server.registerTool('echo', { description: 'echo', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  return server;
});
const node = toNodeHandler(handler);
createServer((req, res) => { if (req.url === '/healthz') { res.end('ok'); return; } void node(req, res); }).listen(Number(process.env.PORT), '127.0.0.1');
`,
);

const requireFromProject = createRequire(join(project, 'package.json'));
const { Client, StreamableHTTPClientTransport } = await import(requireFromProject.resolve('@modelcontextprotocol/client'));

async function freePort() {
  return new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function measure(label, script) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script], { cwd: project, stdio: 'ignore', env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' } });
  const base = `http://127.0.0.1:${port}`;
  while (!(await fetch(`${base}/healthz`).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 5));
  const ready = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500));
  const idle = rssMiB(child.pid);

  const clients = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const client = new Client({ name: 'bench', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
      return client;
    }),
  );
  const latencies = [];
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (next < CALLS) {
        next += 1;
        const t = performance.now();
        await client.callTool({ name: 'echo', arguments: { text: 'benchmark' } });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  const loaded = rssMiB(child.pid);
  await Promise.all(clients.map((client) => client.close()));
  child.kill('SIGTERM');
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const result = { label, ready, idle, loaded, throughput: latencies.length / seconds, p50: p(0.5), p99: p(0.99) };
  console.log(
    `${label.padEnd(16)} ready ${ready.toFixed(0).padStart(5)} ms | idle RSS ${idle.toFixed(1)} MiB | after load ${loaded.toFixed(1)} MiB | ` +
      `${result.throughput.toFixed(0)} calls/s | p50 ${result.p50.toFixed(2)} ms | p99 ${result.p99.toFixed(2)} ms`,
  );
  return result;
}

console.log(`node ${process.version}, ${CALLS} tools/call over Streamable HTTP (2026-07-28), ${CONCURRENCY} concurrent clients`);
const baseline = await measure('bare SDK server', bare);
const generated = await measure('generated server', join(project, 'dist', 'main.js'));
console.log(
  `generated / bare: throughput ${(generated.throughput / baseline.throughput).toFixed(2)}x, p99 ${(generated.p99 / baseline.p99).toFixed(2)}x, idle RSS ${(generated.idle / baseline.idle).toFixed(2)}x`,
);
