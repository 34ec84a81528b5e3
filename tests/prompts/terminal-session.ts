import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** The built bin, exactly as `npx create-enterprise-mcp` runs it. */
const BIN = resolve('bin/create-enterprise-mcp.js');

/**
 * The CLI in a real pseudo-terminal, through util-linux `script(1)`: it is in every Debian and
 * Ubuntu install (the essential bsdutils package) and in the usual CI images, where a native pty
 * addon would need a compiler at install time and python3 may be missing. BSD and macOS `script`
 * take other arguments, so elsewhere these tests are skipped, saying why.
 */
export const terminalUnavailable: string | undefined = (() => {
  const version = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return version.stdout?.includes('util-linux') ? undefined : 'needs util-linux script(1) to run the CLI in a pseudo-terminal';
})();

/** Generous: the machine may be busy with installs; a wait only ends early when the text shows up. */
const WAIT_MS = 90_000;

export interface TerminalSession {
  /** Resolves once the screen output (escape codes removed) contains `text` after everything seen so far. */
  waitFor(text: string): Promise<void>;
  /** Sends keys as a person types them: "\r" is Enter, "\x03" is Ctrl-C. */
  type(keys: string): void;
  /** The exit status of the CLI and everything it printed, without escape codes. */
  exited: Promise<{ exitCode: number | null; output: string }>;
}

export function runInTerminal(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): TerminalSession {
  const command = ['stty cols 120 rows 40;', 'exec', quote(process.execPath), quote(BIN), ...args.map(quote)].join(' ');
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', TERM: 'xterm-256color', ...options.env };
  // -q: no banner; -e: exit with the CLI's status; -f: flush every write; the typescript goes nowhere.
  const child = spawn('script', ['-q', '-e', '-f', '-c', command, '/dev/null'], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });

  let raw = '';
  let consumed = 0;
  const listeners = new Set<() => void>();
  const screen = () => stripVTControlCharacters(raw);
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    for (const listener of [...listeners]) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });

  const exited = new Promise<{ exitCode: number | null; output: string }>((done) => {
    child.on('close', (exitCode) => {
      for (const listener of [...listeners]) listener();
      done({ exitCode, output: screen() });
    });
  });

  return {
    waitFor(text) {
      return new Promise((found, failed) => {
        const check = () => {
          const at = screen().indexOf(text, consumed);
          if (at >= 0) {
            consumed = at + text.length;
            finish();
            found();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            finish();
            failed(new Error(`The CLI ended before showing "${text}". Output:\n${screen()}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          failed(new Error(`"${text}" did not show up within ${WAIT_MS / 1000} s. Output:\n${screen()}`));
        }, WAIT_MS);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    type(keys) {
      child.stdin.write(keys);
    },
    exited,
  };
}

/** One shell word. */
function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
