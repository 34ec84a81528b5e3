import { styleText } from 'node:util';
import { CliError, EXIT_CANCELLED, EXIT_OUTPUT_CLOSED } from '../errors.js';

type Style = Parameters<typeof styleText>[0];

/** Colours only for a terminal that wants them; plain text for pipes, CI logs and NO_COLOR. */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream): string {
  if (process.env['NO_COLOR'] !== undefined || !stream.isTTY) return text;
  return styleText(style, text);
}

let readerGone = false;

/**
 * Whoever read stdout has gone (`create-enterprise-mcp … | head -1`). A write to a closed pipe fails
 * with EPIPE, reported as an 'error' event on the next tick: code that has just written should let
 * that tick pass before asking (see `listenForStop`).
 */
export function stdoutClosed(): boolean {
  return readerGone || process.stdout.destroyed || process.stdout.writableEnded;
}

/**
 * A reader that leaves is not an error of ours: without a listener the EPIPE becomes an uncaught
 * exception with a stack trace. Output stops there; the run notices through `stdoutClosed()` and
 * ends at its next safe point. Every other stream error still surfaces.
 */
export function tolerateClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      if (stream === process.stdout) readerGone = true;
    });
  }
}

/** What a command does to one file, as its listing names it. */
export type ActionVerb = 'CREATE' | 'UPDATE' | 'SKIP' | 'MERGE' | 'CONFLICT' | 'DELETE' | 'KEEP';

const VERB_COLOURS = {
  CREATE: 'green',
  UPDATE: 'yellow',
  SKIP: 'gray',
  MERGE: 'cyan',
  CONFLICT: 'red',
  DELETE: 'magenta',
  KEEP: 'gray',
} as const satisfies Record<ActionVerb, Style>;

export const out = {
  line(text = ''): void {
    if (!stdoutClosed()) process.stdout.write(`${text}\n`);
  },
  /** One line on stderr about something that does not stop the run. */
  warn(text: string): void {
    process.stderr.write(`${paint('yellow', 'warning', process.stderr)} ${text}\n`);
  },
  /** One file's line; `width` aligns the paths after the longest verb the listing uses. */
  action(verb: ActionVerb, path: string, detail = '', width = 6): void {
    const suffix = detail ? ` ${paint('gray', detail, process.stdout)}` : '';
    out.line(`${paint(VERB_COLOURS[verb], verb.padEnd(width), process.stdout)} ${path}${suffix}`);
  },
  dim(text: string): string {
    return paint('gray', text, process.stdout);
  },
  bold(text: string): string {
    return paint('bold', text, process.stdout);
  },
};

/** The one place errors become text and an exit code. */
export function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof CliError) {
    // A cancellation or a reader that left is not a failure: no red "error" label for it.
    const label = error.exitCode === EXIT_CANCELLED || error.exitCode === EXIT_OUTPUT_CLOSED ? '' : `${paint('red', 'error', process.stderr)} `;
    process.stderr.write(`${label}${error.message}\n`);
    if (error.hint) process.stderr.write(`${paint('gray', error.hint, process.stderr)}\n`);
    if (verbose && error.cause instanceof Error) process.stderr.write(`${error.cause.stack ?? ''}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${paint('red', 'unexpected error', process.stderr)} ${message}\n`);
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  else process.stderr.write(`${paint('gray', 'Run again with --verbose for details.', process.stderr)}\n`);
  return 1;
}
