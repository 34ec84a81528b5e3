// How long the CLI takes to start and to scaffold, beside create-vite measured in the same run on the
// same machine: start-up (`--version` against create-vite's `--help`) and a scaffold without install
// (the defaults against create-vite's react-ts template), each into a fresh temporary directory.
// Runs alternate between the commands, so a busy machine slows them alike. A benchmark, not a test:
// it prints figures and never fails on a number.
//
//   BENCH_RUNS=30 npm run bench                  more runs (default 15)
//   BENCH_BASELINE=/other/checkout npm run bench  also measure another build of this CLI, e.g. main
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const CREATE_VITE_VERSION = '9.3.0';
const CACHE = resolve('.cache/bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARM_UP = 2;
const GOALS = { startup: 1.2, scaffold: 2 };

const createVite = installCreateVite();
const ours = resolve('bin/create-enterprise-mcp.js');
const baseline = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE, 'bin/create-enterprise-mcp.js') : undefined;

/** create-vite at a pinned version, installed once into the git-ignored cache. */
function installCreateVite() {
  const dir = join(CACHE, 'node_modules/create-vite');
  const installed = existsSync(join(dir, 'package.json')) && JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version === CREATE_VITE_VERSION;
  if (!installed) {
    console.log(`Installing create-vite ${CREATE_VITE_VERSION} into ${CACHE}…`);
    execFileSync('npm', ['install', '--prefix', CACHE, '--prefer-offline', '--no-audit', '--no-fund', `create-vite@${CREATE_VITE_VERSION}`], { stdio: 'inherit' });
  }
  return join(dir, 'index.js');
}

/** One measured command: a script run by this Node, optionally in a fresh directory it writes `demo` into. */
const commands = [
  { name: 'node -e 0', group: 'reference', args: ['-e', '0'] },
  { name: 'create-enterprise-mcp --version', group: 'startup', args: [ours, '--version'] },
  { name: `create-vite ${CREATE_VITE_VERSION} --help`, group: 'startup', reference: true, args: [createVite, '--help'] },
  { name: 'create-enterprise-mcp demo --yes --no-install --no-git', group: 'scaffold', writes: true, args: [ours, 'demo', '--yes', '--no-install', '--no-git'] },
  { name: 'create-vite demo --template react-ts', group: 'scaffold', reference: true, writes: true, args: [createVite, 'demo', '--template', 'react-ts', '--no-interactive', '--no-immediate'] },
  { name: 'create-enterprise-mcp … --dry-run', group: 'other', args: [ours, 'demo', '--yes', '--no-install', '--no-git', '--dry-run'] },
  ...(baseline
    ? [
        { name: 'baseline --version', group: 'baseline', args: [baseline, '--version'] },
        { name: 'baseline demo --yes --no-install --no-git', group: 'baseline', writes: true, args: [baseline, 'demo', '--yes', '--no-install', '--no-git'] },
      ]
    : []),
].map((command) => ({ ...command, samples: [], files: undefined }));

function run(command, record) {
  const cwd = mkdtempSync(join(tmpdir(), 'cem-bench-'));
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, command.args, { cwd, stdio: 'ignore', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`${command.name} exited ${result.status ?? result.signal}`);
    if (record) command.samples.push(elapsed);
    if (command.writes) command.files = readdirSync(join(cwd, 'demo'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

for (let round = 0; round < WARM_UP + RUNS; round++) {
  for (const command of commands) run(command, round >= WARM_UP);
}

function quantile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
const median = (command) => quantile(command.samples, 0.5);

console.log(`node ${process.version}, ${RUNS} runs each after ${WARM_UP} to warm up, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
console.log();
console.log(`${'command'.padEnd(56)} ${'median'.padStart(7)} ${'p90'.padStart(7)} ${'min'.padStart(7)}`);
for (const command of commands) {
  const figures = [median(command), quantile(command.samples, 0.9), Math.min(...command.samples)].map((ms) => `${ms.toFixed(0)} ms`.padStart(7));
  console.log(`${command.name.padEnd(56)} ${figures.join(' ')}${command.files === undefined ? '' : `  (${command.files} files)`}`);
}
console.log();
for (const group of ['startup', 'scaffold']) {
  const [own, reference] = [commands.find((c) => c.group === group && !c.reference), commands.find((c) => c.group === group && c.reference)];
  const ratio = median(own) / median(reference);
  console.log(`${group}: ${ratio.toFixed(2)}× create-vite (median against median; goal ≤ ${GOALS[group]}×, ${ratio <= GOALS[group] ? 'met' : 'not met'})`);
}
