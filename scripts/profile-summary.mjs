// Summarises a V8 CPU profile (.cpuprofile, as written by `npm run bench:server` with BENCH_PROFILE
// set, or by `node --cpu-prof`): the share of time per package (idle, garbage collection, Node's own
// internals, each npm package, the project's own code), the functions with the most self time, and
// the functions with the most total time (their own plus everything they called: where a request's
// time goes stage by stage).
// Usage: node scripts/profile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArgument = '25'] = process.argv.slice(2);
if (file === undefined) {
  console.error('Usage: node scripts/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArgument);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

/** Where a function lives: a V8 pseudo-frame, Node's internals, an npm package, or the project itself. */
function packageOf({ functionName, url }) {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.replaceAll('\\', '/'));
  if (match !== null) return match[1];
  return 'project';
}

const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const selfTime = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const id = profile.samples[i];
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfTime.values()].reduce((sum, value) => sum + value, 0);

const byPackage = new Map();
const byFunction = new Map();
const totalByFunction = new Map();
const nameOf = ({ functionName, url, lineNumber }) => {
  const where = url === '' ? '' : ` ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|dist)\//, '$1/')}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${where}`;
};
for (const [id, micros] of selfTime) {
  const { callFrame } = nodes.get(id);
  const pkg = packageOf(callFrame);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  const key = nameOf(callFrame);
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  // Total time: every function on the stack, once per stack even when it recurses.
  const onStack = new Set();
  for (let node = id; node !== undefined; node = parentOf.get(node)) onStack.add(nameOf(nodes.get(node).callFrame));
  for (const name of onStack) if (!name.startsWith('(')) totalByFunction.set(name, (totalByFunction.get(name) ?? 0) + micros);
}

const percent = (micros) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
console.log('\nself time by package');
for (const [name, micros] of sorted(byPackage)) if (micros / total >= 0.002) console.log(`${percent(micros)}  ${name}`);
console.log(`\ntop ${top} functions by self time`);
for (const [name, micros] of sorted(byFunction).slice(0, top)) console.log(`${percent(micros)}  ${name}`);
console.log(`\ntop ${top * 2} functions by total time`);
for (const [name, micros] of sorted(totalByFunction).slice(0, top * 2)) console.log(`${percent(micros)}  ${name}`);
