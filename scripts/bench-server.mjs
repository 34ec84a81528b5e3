// Measures generated servers against a bare SDK server and a bare node:http server in the same run
// and prints the figures: spawn-to-first-/healthz time, idle RSS, RSS after load, and `tools/call`
// requests/s, p50 and p99 over Streamable HTTP at 1 and 64 keep-alive connections.
// The load comes from scripts/bench-load.mjs in its own process, so the client never shares an
// event loop with a server.
// Usage: npm run bench:server [-- <generated-project-dir>...]
//   Without a directory it generates two projects: generic upstream with auth none, and with jwt
//   (called with a Bearer token from the project's own in-process test identity provider).
//   BENCH_SECONDS (default 10) is the measured duration of each run. BENCH_PROFILE=<dir> also writes
//   a CPU profile of every run there (summarise one with scripts/profile-summary.mjs).
// A benchmark, not a test: it never fails on a number.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [1, 64];
const LOAD_GENERATOR = resolve('scripts/bench-load.mjs');
const PROTOCOL_VERSION = '2026-07-28';
const LEGACY_PROTOCOL_VERSION = '2025-11-25';
const PROBE = resolve('scripts/bench-probe.mjs');
const PROFILE_DIR = process.env.BENCH_PROFILE === undefined ? undefined : resolve(process.env.BENCH_PROFILE);
const RUNS = ['current', 'legacy'].flatMap((era) => CONNECTIONS.map((connections) => ({ era, connections })));

// Generated projects need Node 22.13 or newer; the end-to-end toolchain ships Node 24.
const toolchainNode = resolve('tests/e2e/toolchain/node_modules/node-24/bin/node');
const serverNode = existsSync(toolchainNode) ? toolchainNode : process.execPath;
if (serverNode === process.execPath) {
  console.log(
    `Node 24 of the end-to-end toolchain not found at ${toolchainNode}: servers run on ${process.version}, which generated projects may refuse.\n` +
      'Install it with `npx vitest run --project e2e tests/e2e/toolchain.test.ts`.',
  );
}
const serverNodeVersion = execFileSync(serverNode, ['--version'], { encoding: 'utf8' }).trim();

/** Generates a project with the given flags into a fresh temporary folder. */
function generate(name, flags) {
  const parent = mkdtempSync(join(tmpdir(), 'cem-bench-server-'));
  execFileSync(process.execPath, [resolve('bin/create-enterprise-mcp.js'), name, '--yes', '--no-git', '--deploy', 'none', ...flags], {
    cwd: parent,
    stdio: 'ignore',
    env: { ...process.env, CI: 'true', npm_config_prefer_offline: 'true' },
  });
  return join(parent, name);
}

const projects =
  process.argv.length > 2
    ? process.argv.slice(2).map((dir) => resolve(dir))
    : [generate('generic-none', ['--upstream', 'generic', '--auth', 'none']), generate('generic-jwt', ['--upstream', 'generic', '--auth', 'jwt'])];
for (const project of projects) execFileSync('npm', ['run', 'build'], { cwd: project, stdio: 'ignore' });
const sdkProject = projects[0];

// The bare SDK baseline: the same SDK version, one echo tool, no guards, logging or config, mounted
// the way the SDK documents for Node: toNodeHandler from @modelcontextprotocol/node. Generated servers
// have their own adapter and no longer depend on that package, so it is added to the first project's
// node_modules (package.json and lockfile untouched) at the version of the versions table.
const NODE_ADAPTER = '@modelcontextprotocol/node';
if (!existsSync(join(sdkProject, 'node_modules', NODE_ADAPTER, 'package.json'))) {
  const pinned = new RegExp(`'${NODE_ADAPTER}': '([^']+)'`).exec(readFileSync(resolve('src/features/versions.ts'), 'utf8'))?.[1];
  if (pinned === undefined) throw new Error(`src/features/versions.ts pins no version of ${NODE_ADAPTER}`);
  execFileSync('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', `${NODE_ADAPTER}@${pinned}`], { cwd: sdkProject, stdio: 'ignore' });
}
const bareSdk = join(sdkProject, 'dist', 'bench-bare-sdk-server.mjs');
writeFileSync(
  bareSdk,
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

// The floor: node:http reading the request and answering the same JSON-RPC result, no MCP at all.
const bareHttp = join(tmpdir(), `cem-bench-bare-http-${process.pid}.mjs`);
writeFileSync(
  bareHttp,
  `import { createServer } from 'node:http';
createServer((req, res) => {
  if (req.url === '/healthz') { res.end('ok'); return; }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const body = JSON.stringify({ result: { content: [{ type: 'text', text: request.params.arguments.text }], resultType: 'complete' }, jsonrpc: '2.0', id: request.id });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`,
);

// Issues a token for a project whose callers present one: the project's own test identity provider,
// kept running in a child process because the server downloads its signing keys from it.
const identityProviderHelper = join(tmpdir(), `cem-bench-identity-provider-${process.pid}.mts`);
function writeIdentityProviderHelper(project) {
  const helpers = (file) => JSON.stringify(pathToFileURL(join(project, 'tests', 'helpers', file)).href);
  writeFileSync(
    identityProviderHelper,
    `import { testAuth } from ${helpers('auth-client.ts')};
import { presetTestIdp } from ${helpers('preset-claims.ts')};
import { placeholderAuthEnv } from ${helpers('auth-settings.ts')};
const auth = await testAuth();
const headers = await auth.headers(process.argv[2]);
process.stdout.write(JSON.stringify({ env: { ...presetTestIdp.placeholderEnv, ...placeholderAuthEnv, ...auth.env }, headers }) + '\\n');
// The provider's socket is unref'd for tests; the server keeps downloading its keys until this process is ended.
setInterval(() => {}, 60_000);
`,
  );
}

async function callerOf(project, resourceUrl) {
  if (!existsSync(join(project, 'tests', 'helpers', 'oidc-provider.ts'))) return { env: {}, headers: {}, stop: () => {} };
  writeIdentityProviderHelper(project);
  const child = spawn(serverNode, ['--import', 'tsx', identityProviderHelper, resourceUrl], { cwd: project, stdio: ['ignore', 'pipe', 'inherit'] });
  // The provider prints its own notices on stdout too; the answer is the line that is a JSON object.
  let output = '';
  const answer = () => output.split('\n').find((line) => line.startsWith('{') && output.includes(`${line}\n`));
  for await (const chunk of child.stdout) {
    output += chunk;
    if (answer() !== undefined) break;
  }
  try {
    return { ...JSON.parse(answer() ?? ''), stop: () => child.kill('SIGTERM') };
  } catch {
    console.log(`identity provider answered: ${output}`);
    child.kill('SIGTERM');
    return undefined;
  }
}

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

/** One `tools/call echo` as each protocol era sends it: 2026-07-28 with the per-request envelope, 2025-11-25 bare. */
const ERAS = {
  current: {
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'echo',
        arguments: { text: 'benchmark' },
        _meta: {
          'io.modelcontextprotocol/protocolVersion': PROTOCOL_VERSION,
          'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    }),
    headers: { 'mcp-protocol-version': PROTOCOL_VERSION, 'mcp-method': 'tools/call', 'mcp-name': 'echo' },
  },
  // Stateless 2025-era serving: no session, every call stands alone.
  legacy: {
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'benchmark' } } }),
    headers: { 'mcp-protocol-version': LEGACY_PROTOCOL_VERSION },
  },
};
const commonHeaders = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/** Runs the load generator against `url` and resolves with its figures. */
function load(url, era, headers, connections) {
  const { body, headers: eraHeaders } = ERAS[era];
  const settings = JSON.stringify({ url, body, headers: { ...commonHeaders, ...eraHeaders, ...headers }, connections, seconds: SECONDS });
  return new Promise((ok) => {
    const child = spawn(process.execPath, [LOAD_GENERATOR, settings], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('exit', () => {
      try {
        ok(JSON.parse(output));
      } catch {
        ok({ requests: 0, errors: Number.NaN, seconds: SECONDS, latencies: { p50: Number.NaN, p99: Number.NaN } });
      }
    });
  });
}

/** Sends a message to the probe inside the server and resolves with its answer. */
function probe(child, message) {
  return new Promise((ok) => {
    const answer = (reply) => {
      child.off('message', answer);
      ok(reply);
    };
    child.on('message', answer);
    child.send(message);
  });
}

async function measure(label, script, project, { presentsToken = false } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const caller = presentsToken ? await callerOf(project, `${base}/mcp`) : { env: {}, headers: {}, stop: () => {} };
  if (caller === undefined) {
    console.log(`${label}: its test identity provider issued no token; skipped`);
    return { label, ready: Number.NaN, idle: Number.NaN, loaded: Number.NaN, runs: {} };
  }
  const started = performance.now();
  // Generated servers log every request at the default level, as in production; stderr goes nowhere.
  const child = spawn(serverNode, ['--import', pathToFileURL(PROBE).href, script], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    // Rate limits far above the load: their counting is measured, but no request is refused.
    env: { ...process.env, ...caller.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_REQUESTS: '1000000000', RATE_LIMIT_TOOL_CALLS: '1000000000' },
  });
  const exited = new Promise((r) => child.once('exit', () => r(true)));
  let ready = Number.NaN;
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) {
      ready = performance.now() - started;
      break;
    }
    if (await Promise.race([exited, new Promise((r) => setTimeout(() => r(false), 5))])) break;
  }
  const result = { label, ready, idle: Number.NaN, loaded: Number.NaN, runs: {} };
  if (!Number.isNaN(ready)) {
    await new Promise((r) => setTimeout(r, 500));
    result.idle = rssMiB(child.pid);
    for (const { era, connections } of RUNS) {
      const profile = PROFILE_DIR === undefined ? undefined : join(PROFILE_DIR, `${label}-${era}-${connections}.cpuprofile`);
      await probe(child, { type: 'start', ...(profile !== undefined && { profile }) });
      const run = await load(`${base}/mcp`, era, caller.headers, connections);
      const { eventLoopDelay } = await probe(child, { type: 'stop' });
      result.runs[`${era}-${connections}`] = { ...run, eventLoopDelay, throughput: run.requests / run.seconds };
    }
    result.loaded = rssMiB(child.pid);
  } else {
    console.log(`${label}: no 200 from /healthz within 30 s; skipped`);
  }
  child.kill('SIGTERM');
  caller.stop();
  return result;
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
if (PROFILE_DIR !== undefined) mkdirSync(PROFILE_DIR, { recursive: true });
console.log(
  `servers on node ${serverNodeVersion}, load generator on node ${process.version} in its own process; ` +
    `tools/call echo over Streamable HTTP as ${PROTOCOL_VERSION} (current) and ${LEGACY_PROTOCOL_VERSION} (legacy, stateless) clients send it, ` +
    `${SECONDS} s per run after 1 s of warm-up`,
);
const results = [await measure('node:http', bareHttp, sdkProject), await measure('bare SDK', bareSdk, sdkProject)];
for (const project of projects) results.push(await measure(basename(project), join(project, 'dist', 'main.js'), project, { presentsToken: true }));
rmSync(bareHttp, { force: true });
rmSync(identityProviderHelper, { force: true });

console.log();
console.log('| server | spawn to ready ms | idle RSS MiB | RSS after load MiB |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.label} | ${fixed(r.ready, 0)} | ${fixed(r.idle, 1)} | ${fixed(r.loaded, 1)} |`);
console.log();
console.log('| server | client | conns | req/s | p50 ms | p99 ms | errors | loop delay p99 ms |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  for (const { era, connections } of RUNS) {
    const run = r.runs[`${era}-${connections}`] ?? {};
    console.log(
      `| ${r.label} | ${era} | ${connections} | ${fixed(run.throughput, 0)} | ${fixed(run.latencies?.p50, 2)} | ` +
        `${fixed(run.latencies?.p99, 2)} | ${run.errors ?? '-'} | ${fixed(run.eventLoopDelay?.p99, 1)} |`,
    );
  }
}
console.log();
const [http, sdk] = results;
for (const generated of results.slice(2)) {
  for (const { era, connections } of RUNS) {
    const key = `${era}-${connections}`;
    const g = generated.runs[key];
    const ratio = (other) => {
      const o = other.runs[key];
      if (!g || !o) return '-';
      return `req/s ${fixed(g.throughput / o.throughput, 2)}x, p99 ${fixed(g.latencies.p99 / o.latencies.p99, 2)}x`;
    };
    console.log(`${generated.label}, ${era} client, ${String(connections).padStart(2)} conn: vs bare SDK ${ratio(sdk)}; vs node:http ${ratio(http)}`);
  }
}
if (PROFILE_DIR !== undefined) console.log(`\nCPU profiles in ${PROFILE_DIR}; summarise one with node scripts/profile-summary.mjs <file>`);
