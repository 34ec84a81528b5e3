/**
 * The one error type the CLI shows to people. Anything else that escapes is a bug: the handler
 * prints it with a stack only under `--verbose`.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly options: { hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }

  get hint(): string | undefined {
    return this.options.hint;
  }

  get exitCode(): number {
    return this.options.exitCode ?? 1;
  }
}

/** Exit code for a run the user cancelled (Ctrl-C), as shells report SIGINT. */
export const EXIT_CANCELLED = 130;

export function cancelled(): CliError {
  return new CliError('Cancelled. Nothing was written.', { exitCode: EXIT_CANCELLED });
}

/** Exit code when whoever read stdout went away (`… | head -1`), as shells report SIGPIPE. */
export const EXIT_OUTPUT_CLOSED = 141;
