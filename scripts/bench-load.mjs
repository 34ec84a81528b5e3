// The load generator of `npm run bench:server`, run as a child process so that the server under
// test and the client never share an event loop. It keeps `connections` keep-alive connections
// busy for `seconds`: each sends its next request as soon as the previous answer is fully read.
// Usage: node scripts/bench-load.mjs '<json: { url, body, headers, connections, seconds, warmupSeconds }>'
// Prints one JSON line: { requests, errors, seconds, latencies: { p50, p99, max } }.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const { url, body, headers, connections, seconds, warmupSeconds = 1, timeoutMs = 5000 } = JSON.parse(process.argv[2]);
const target = new URL(url);
const payload = Buffer.from(body);
const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const requestHeaders = { ...headers, 'content-length': String(payload.length) };

/** Whether a fully read answer carries a JSON-RPC result that is not a tool error. */
function succeeded(contentType, text) {
  let message;
  try {
    if (contentType.startsWith('text/event-stream')) {
      // The answer to the call is the last `data:` event of the stream.
      const data = text.split('\n').filter((line) => line.startsWith('data:'));
      message = JSON.parse(data.at(-1)?.slice(5) ?? 'null');
    } else {
      message = JSON.parse(text);
    }
  } catch {
    return false;
  }
  return message?.result !== undefined && message.error === undefined && message.result.isError !== true;
}

/** One request on the agent's pool; resolves with whether it succeeded. */
function call() {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: requestHeaders },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          resolve(ok && succeeded(res.headers['content-type'] ?? '', Buffer.concat(chunks).toString('utf8')));
        });
        res.on('error', () => resolve(false));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end(payload);
  });
}

let measuring = false;
let stopped = false;
const latencies = [];
let errors = 0;

async function connection() {
  while (!stopped) {
    const started = performance.now();
    const ok = await call();
    if (!measuring || stopped) continue;
    if (ok) latencies.push(performance.now() - started);
    else errors += 1;
  }
}

const loops = Array.from({ length: connections }, connection);
await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
measuring = true;
const begin = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
stopped = true;
const elapsed = (performance.now() - begin) / 1000;
await Promise.all(loops);
agent.destroy();

latencies.sort((a, b) => a - b);
const quantile = (q) => (latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
process.stdout.write(
  `${JSON.stringify({ requests: latencies.length, errors, seconds: elapsed, latencies: { p50: quantile(0.5), p99: quantile(0.99), max: latencies.at(-1) ?? Number.NaN } })}\n`,
);
