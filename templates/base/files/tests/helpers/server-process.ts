import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Client } from '@modelcontextprotocol/client';

import { placeholderAuthEnv } from './auth-settings.js';
import { testAuth } from './auth-client.js';
import { connectHttpClient } from './http-server.js';
import { presetTestIdp } from './preset-claims.js';
import { freshStorageEnv } from './storage-settings.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs TypeScript sources in the node process itself (no tsx CLI in between to relay signals). */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Node arguments that run `script` (relative to the working directory) from source. */
export function fromSource(script: string, ...args: string[]): string[] {
  return ['--import', tsxLoader, script, ...args];
}

/** Keeps a process between the test and `args` that the test can take away (see `orphanedByParent`). */
const PARENT_SCRIPT = `
const { spawn } = require('node:child_process');
spawn(process.execPath, JSON.parse(process.argv[1]), { stdio: 'inherit' });
setInterval(() => {}, 60_000);
`;

export type LogLine = Record<string, unknown> & { msg?: string; pid?: number };

export interface ProcessUnderTest {
  readonly child: ChildProcess;
  /** Resolves once the process has exited and every process sharing its output (children) has closed it. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** JSON log lines written to stderr so far. */
  logs(): LogLine[];
  /** The messages of the log lines written so far by the process `pid` (a server this one started, or itself). */
  messagesOf(pid: number): string[];
  /** Everything written to stderr so far that is not a JSON log line. */
  text(): string;
  /** Resolves with the first log line with message `msg` (now or later); rejects if output ends first. */
  waitForLog(msg: string): Promise<LogLine>;
}

/**
 * Settings for a server process: the test configuration of the auth strategy (pointing at the
 * in-process identity provider when there is one), info-level logs, a free port and storage data of
 * its own.
 */
export async function serverEnv(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const auth = await testAuth();
  return {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    ...presetTestIdp.placeholderEnv,
    ...placeholderAuthEnv,
    ...auth.env,
    ...freshStorageEnv(),
    ...overrides,
  };
}

/**
 * A throwaway copy of the project's sources and scripts (sharing its node_modules), for tests that
 * change files or watch them without touching the real project.
 */
export function copyOfProject(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'project-copy-'));
  for (const entry of ['src', 'scripts', 'package.json', 'tsconfig.json']) cpSync(join(projectRoot, entry), join(root, entry), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface StartProcessOptions {
  /** Put a parent process in between: `child` is that parent, and killing it orphans the real process. */
  orphanable?: boolean;
  /** Working directory; the project root unless given. */
  cwd?: string;
}

/** Starts `node <args>`, collecting its stderr. */
export function startProcess(args: string[], env: Record<string, string>, options: StartProcessOptions = {}): ProcessUnderTest {
  const commandArgs = options.orphanable ? ['-e', PARENT_SCRIPT, JSON.stringify(args)] : args;
  const child = spawn(process.execPath, commandArgs, { cwd: options.cwd ?? projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: LogLine[] = [];
  let text = '';
  let pending = '';
  const waiters: Array<{ msg: string; resolve: (line: LogLine) => void; reject: (error: Error) => void }> = [];

  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const raw = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const line = parseLogLine(raw);
      if (line === undefined) {
        text += `${raw}\n`;
        continue;
      }
      lines.push(line);
      for (const waiter of waiters.filter((candidate) => candidate.msg === line.msg)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`output ended before the log line "${waiter.msg}"; stderr:\n${text}`));
      resolve({ code, signal });
    });
  });

  return {
    child,
    closed,
    logs: () => [...lines],
    messagesOf: (pid) => lines.filter((line) => line.pid === pid).map((line) => line.msg ?? ''),
    text: () => text,
    waitForLog: (msg) => {
      const seen = lines.find((line) => line.msg === msg);
      if (seen !== undefined) return Promise.resolve(seen);
      if (child.stderr?.readableEnded) return Promise.reject(new Error(`output ended before the log line "${msg}"; stderr:\n${text}`));
      return new Promise((resolve, reject) => waiters.push({ msg, resolve, reject }));
    },
  };
}

function parseLogLine(raw: string): LogLine | undefined {
  if (!raw.startsWith('{')) return undefined;
  try {
    return JSON.parse(raw) as LogLine;
  } catch {
    return undefined;
  }
}

/** The listening server's URL and PID, from its start-up log line. */
export async function listeningServer(processUnderTest: ProcessUnderTest): Promise<{ url: string; pid: number }> {
  const line = await processUnderTest.waitForLog('MCP server listening over HTTP');
  return { url: new URL(String(line.url)).origin, pid: Number(line.pid) };
}

/** A client connected to the server at `url` as a caller allowed to use every tool. */
export function connectTo(url: string): Promise<Client> {
  return connectHttpClient({ url, close: async () => {} }, 'modern');
}

/**
 * Starts `long_task` (`steps` steps of `stepMs`) and resolves once its first step is done, so the call
 * is certainly in flight; `result` settles when the call does.
 */
export async function callInFlight(client: Client, steps: number, stepMs: number): Promise<{ result: Promise<unknown> }> {
  let firstStepDone: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    firstStepDone = resolve;
  });
  const result = client.callTool({ name: 'long_task', arguments: { steps, stepMs } }, { onprogress: () => firstStepDone(), timeout: 120_000 });
  // Settled by the test; observed here so an early failure is not reported as unhandled.
  result.catch(() => {});
  await Promise.race([started, result]);
  return { result };
}

/** Ends a process a test left running (a failed test must not leave servers behind). */
export function killIfRunning(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
