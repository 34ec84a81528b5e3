/**
 * Development mode: runs the server from source (src/main.ts through tsx) and restarts it when a file
 * under src/ or the .env file changes.
 *
 * - An invalid configuration at the first start ends dev mode with status 78 once the server has listed
 *   the problems, rather than leaving a watcher that looks alive but serves nothing. Once dev mode has
 *   restarted on an edit, a server that fails for any reason waits for the next change instead.
 * - Ctrl+C or SIGTERM stops the server gracefully (it lets in-flight calls finish), then dev mode exits
 *   with the server's status. Dev mode also stops when the process that started it exits: npm and pnpm
 *   run scripts through a shell that dies on SIGTERM without passing it on, so that is how a SIGTERM
 *   to `npm run dev` arrives here. The server itself stops if dev mode disappears (--exit-with-parent).
 *
 * Usage: npm run dev
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { ExitCode } from '../src/http/lifecycle.js';
import { watchParentProcess } from '../src/http/parent-process.js';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const parentPidAtStart = process.ppid;

/** Saving a file fires several events (write, rename, formatter); restart once they have settled. */
const SETTLE_MS = 150;

let server: ChildProcess | undefined;
let firstStart = true;
let restartWhenStopped = false;
let stopping = false;
let settleTimer: NodeJS.Timeout | undefined;

function say(message: string): void {
  process.stderr.write(`[dev] ${message}\n`);
}

function startServer(): void {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--exit-with-parent', ...process.argv.slice(2)], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  server = child;
  child.once('exit', (code) => {
    server = undefined;
    // A server killed by a signal (no code) failed to stop on its own.
    const status = code ?? ExitCode.Failed;
    if (stopping) process.exit(status);
    if (restartWhenStopped) {
      restartWhenStopped = false;
      startServer();
      return;
    }
    if (firstStart && status === ExitCode.ConfigInvalid) {
      say('Fix the configuration above, then start dev mode again.');
      process.exit(status);
    }
    say(`The server exited with status ${status}. Waiting for a change under src/ or to .env (Ctrl+C to stop).`);
  });
}

function restart(): void {
  firstStart = false;
  if (server === undefined) {
    say('Change detected: starting the server.');
    startServer();
    return;
  }
  say('Change detected: restarting the server.');
  restartWhenStopped = true;
  server.kill('SIGTERM');
}

function scheduleRestart(): void {
  if (stopping) return;
  clearTimeout(settleTimer);
  settleTimer = setTimeout(restart, SETTLE_MS);
}

const watchers = [
  watch(fileURLToPath(new URL('../src/', import.meta.url)), { recursive: true }, scheduleRestart),
  // .env may not exist yet: watch the directory for it to appear or change.
  watch(projectRoot, (_event, file) => {
    if (file === '.env') scheduleRestart();
  }),
];

function stop(signal: NodeJS.Signals): void {
  if (!stopping) {
    stopping = true;
    clearTimeout(settleTimer);
    for (const watcher of watchers) watcher.close();
  }
  if (server === undefined) process.exit(ExitCode.Stopped);
  // Windows has no signals between processes (kill() terminates at once, without draining) and delivers
  // Ctrl+C to every process of the console itself. Elsewhere every signal is passed on: the server tells
  // a repeated delivery of the same Ctrl+C from an operator who presses it again.
  if (process.platform !== 'win32') server.kill(signal);
}

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
watchParentProcess(parentPidAtStart, () => {
  if (stopping) return;
  say('The process that started dev mode exited: stopping the server.');
  stop('SIGTERM');
});

startServer();
