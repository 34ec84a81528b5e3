// Prints how long the CLI takes to start (--version) and to scaffold a project without installing,
// over several runs, as wall-clock figures. A benchmark, not a test: it never fails on a number.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const BIN = resolve('bin/create-enterprise-mcp.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function time(args, cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`create-enterprise-mcp ${args.join(' ')} exited ${result.status}`);
  return performance.now() - started;
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms (${samples.length} runs)`;
}

const startup = [];
const scaffold = [];
for (let i = 0; i < RUNS; i++) {
  startup.push(time(['--version'], process.cwd()));
  const dir = mkdtempSync(join(tmpdir(), 'cem-bench-'));
  scaffold.push(time(['demo', '--yes', '--no-install', '--no-git', '--deploy', 'docker,github-actions'], dir));
  rmSync(dir, { recursive: true, force: true });
}
console.log(`node ${process.version}`);
console.log(`startup (--version):            ${summary(startup)}`);
console.log(`scaffold (--no-install --no-git): ${summary(scaffold)}`);
